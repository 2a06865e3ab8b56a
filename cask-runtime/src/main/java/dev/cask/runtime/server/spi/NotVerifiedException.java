package dev.cask.runtime.server.spi;

/**
 * Thrown by the tools of a server whose verification failed (see {@code PendingTools}): there is no answer, and the
 * transport's output is already cut off.
 */
public final class NotVerifiedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NotVerifiedException() {
    super("the toolpack was not verified: nothing is served");
  }
}
