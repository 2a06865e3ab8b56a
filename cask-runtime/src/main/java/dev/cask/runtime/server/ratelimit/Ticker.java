package dev.cask.runtime.server.ratelimit;

/** A monotonic clock in nanoseconds; {@link System#nanoTime()} in production, a hand-moved one in tests. */
@FunctionalInterface
public interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  long nanos();
}
