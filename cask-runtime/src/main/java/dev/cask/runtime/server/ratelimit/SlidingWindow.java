package dev.cask.runtime.server.ratelimit;

/**
 * An exact sliding-window log: the times of the last {@code calls} admitted calls in a ring buffer. A call at time
 * {@code t} counts until {@code t + window} (exclusive). Memory is {@code calls} longs; each check is O(1) amortized.
 * Not thread-safe: {@link RateLimiter} serializes access.
 */
final class SlidingWindow {
  private final long windowNanos;
  private final long[] times;
  private int head; // index of the oldest admitted call
  private int size;

  SlidingWindow(int calls, long windowNanos) {
    this.windowNanos = windowNanos;
    this.times = new long[calls];
  }

  /** Nanoseconds until a call could be admitted at {@code now}; 0 when it can be admitted now. */
  long waitNanos(long now) {
    evict(now);
    if (times.length == 0) {
      return windowNanos; // a limit of 0 calls never admits: retry after one window, then it is still 0
    }
    if (size < times.length) {
      return 0;
    }
    return times[head] + windowNanos - now;
  }

  /** Records an admitted call; {@link #waitNanos} must have returned 0 for the same {@code now}. */
  void record(long now) {
    int tail = (head + size) % times.length;
    times[tail] = now;
    size++;
  }

  /** Calls currently counted at {@code now}. */
  int count(long now) {
    evict(now);
    return size;
  }

  private void evict(long now) {
    while (size > 0 && now - times[head] >= windowNanos) {
      head = (head + 1) % times.length;
      size--;
    }
  }
}
