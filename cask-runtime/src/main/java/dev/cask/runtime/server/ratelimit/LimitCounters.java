package dev.cask.runtime.server.ratelimit;

import java.util.List;

/**
 * The counters of rate limits and budgets: exact sliding windows, a call counted in every key that applies to it or in
 * none. {@link RateLimiter} counts in this process's memory; the Redis counters ({@code serve --state redis://...})
 * count for every replica at once, with the same semantics and the same retry time.
 *
 * <p>A shared store that cannot answer in time throws {@code StateUnavailableException} (unchecked); the pipeline then
 * denies the call, unless the policy lets its risk tier fall back to this replica's own counters.
 */
public interface LimitCounters {
  /** Counts the call in every key if all have room; otherwise counts nothing and says which key is exhausted. */
  RateDecision acquire(List<LimitKey> keys);

  /** Says whether the call would pass, without counting it (dry runs consume no budget). */
  RateDecision check(List<LimitKey> keys);

  /**
   * The answer for a call that must wait: the key it waits longest for and the wait, rounded up to whole milliseconds
   * (at least 1), as every implementation reports it.
   */
  static RateDecision denied(LimitKey key, long waitNanos) {
    long millis = Math.max(1, (waitNanos + 999_999) / 1_000_000);
    return new RateDecision(false, key, millis);
  }
}
