package dev.cask.runtime.server.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exact sliding-window counters for rate limits and budgets. A call passes only if every counter that applies to it has
 * room, and then it is counted in all of them at once (all or nothing), so a denied call never eats into another
 * counter. One lock guards every counter: the critical section is a few array operations, far cheaper than the
 * upstream call it protects. Counters live in memory and are per server process (a restart starts them empty).
 */
public final class RateLimiter implements LimitCounters {
  private final Ticker ticker;
  private final Map<LimitKey, SlidingWindow> windows = new HashMap<>();

  public RateLimiter(Ticker ticker) {
    this.ticker = ticker;
  }

  @Override
  public RateDecision acquire(List<LimitKey> keys) {
    return decide(keys, true);
  }

  @Override
  public RateDecision check(List<LimitKey> keys) {
    return decide(keys, false);
  }

  /** How many calls a key counts right now (for tests and diagnostics). */
  public synchronized int count(LimitKey key) {
    SlidingWindow window = windows.get(key);
    return window == null ? 0 : window.count(ticker.nanos());
  }

  private synchronized RateDecision decide(List<LimitKey> keys, boolean record) {
    if (keys.isEmpty()) {
      return RateDecision.ALLOWED;
    }
    long now = ticker.nanos();
    LimitKey worst = null;
    long worstWait = 0;
    for (LimitKey key : keys) {
      long wait = window(key).waitNanos(now);
      if (wait > worstWait) {
        worst = key;
        worstWait = wait;
      }
    }
    if (worst != null) {
      return LimitCounters.denied(worst, worstWait);
    }
    if (record) {
      for (LimitKey key : keys) {
        window(key).record(now);
      }
    }
    return RateDecision.ALLOWED;
  }

  private SlidingWindow window(LimitKey key) {
    return windows.computeIfAbsent(
        key, k -> new SlidingWindow(k.limit().calls(), TimeUnit.SECONDS.toNanos(k.limit().windowSeconds())));
  }
}
