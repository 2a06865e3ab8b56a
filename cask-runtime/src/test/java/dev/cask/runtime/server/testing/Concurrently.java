package dev.cask.runtime.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one task on many threads at once and waits for all of them (bounded): concurrency tests. */
public final class Concurrently {
  private Concurrently() {}

  /**
   * Starts {@code threads} copies of {@code task}, then opens {@code release} (tasks that wait on it start together),
   * and waits for every task; a task's failure fails the caller.
   */
  public static void run(int threads, Callable<Void> task, CountDownLatch... release) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(task));
      }
      for (CountDownLatch latch : release) {
        latch.countDown();
      }
      for (Future<Void> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
