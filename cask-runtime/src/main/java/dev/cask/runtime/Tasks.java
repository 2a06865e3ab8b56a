package dev.cask.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work run on another thread, joined as if it had run here. */
public final class Tasks {
  private Tasks() {}

  /**
   * The task's result, or what it threw, unwrapped: a {@link CaskException} (file, place, fix) or a failure of Cask
   * itself reads the same as when the work runs on the caller's thread.
   */
  public static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
