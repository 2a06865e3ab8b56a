package dev.cask.runtime.server.ratelimit;

/**
 * An exact sliding-window log: the times of the admitted calls still inside the window, in a ring buffer. A call at
 * time {@code t} counts until {@code t + window} (exclusive). The buffer grows with the calls actually counted, up to
 * {@code calls} longs (a generous limit such as 100,000,000 calls a minute costs memory only for the calls that
 * happen); each check is O(1) amortized. Not thread-safe: {@link RateLimiter} serializes access.
 */
final class SlidingWindow {
  private static final int INITIAL = 64;

  private final long windowNanos;
  private final int calls;
  private long[] times;
  private int head; // index of the oldest admitted call
  private int size;

  SlidingWindow(int calls, long windowNanos) {
    this.windowNanos = windowNanos;
    this.calls = calls;
    this.times = new long[Math.min(calls, INITIAL)];
  }

  /** Nanoseconds until a call could be admitted at {@code now}; 0 when it can be admitted now. */
  long waitNanos(long now) {
    evict(now);
    if (calls == 0) {
      return windowNanos; // a limit of 0 calls never admits: retry after one window, then it is still 0
    }
    if (size < calls) {
      return 0;
    }
    return times[head] + windowNanos - now;
  }

  /** Records an admitted call; {@link #waitNanos} must have returned 0 for the same {@code now}. */
  void record(long now) {
    if (size == times.length) {
      grow();
    }
    int tail = (head + size) % times.length;
    times[tail] = now;
    size++;
  }

  /** Calls currently counted at {@code now}. */
  int count(long now) {
    evict(now);
    return size;
  }

  /** Doubles the buffer (at most to {@code calls}), oldest call first. */
  private void grow() {
    long[] larger = new long[(int) Math.min(calls, 2L * times.length)];
    for (int i = 0; i < size; i++) {
      larger[i] = times[(head + i) % times.length];
    }
    times = larger;
    head = 0;
  }

  private void evict(long now) {
    while (size > 0 && now - times[head] >= windowNanos) {
      head = (head + 1) % times.length;
      size--;
    }
  }
}
