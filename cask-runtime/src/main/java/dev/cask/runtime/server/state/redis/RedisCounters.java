package dev.cask.runtime.server.state.redis;

import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.RateDecision;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate limits and budgets shared by every replica: one sorted set per counter ({@code limit:<id>:<calls>/<seconds>};
 * members are calls, scores the microsecond they were counted), decided by one Lua script so that a call is counted in
 * every counter that applies to it or in none, whatever the other replicas do meanwhile.
 *
 * <p>The semantics are those of {@link dev.cask.runtime.server.ratelimit.RateLimiter}: a call counted at {@code t}
 * counts until {@code t + window} (exclusive); a call passes when every counter holds fewer than its limit; the
 * denial names the counter to wait longest for and the wait until its oldest call leaves the window, rounded up to
 * whole milliseconds. Time is Redis's own clock ({@code TIME}), kept monotonic per toolpack by a {@code clock} key, so
 * replicas with different clocks agree. A counter's key expires one window after its last call.
 */
final class RedisCounters implements LimitCounters {
  /**
   * KEYS: the counters, then the clock key. ARGV: 1 = record (1) or only check (0), 2 = the call's unique member, then
   * per counter its limit and its window in microseconds. Returns {0, 0} when the call passes (and is counted if
   * asked), else {index of the counter to wait for (1-based), wait in microseconds}.
   */
  static final String SCRIPT = """
      local n = #KEYS - 1
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local last = tonumber(redis.call('GET', KEYS[n + 1]) or '0')
      if now < last then now = last end
      local worst, worstWait = 0, 0
      for i = 1, n do
        local calls = tonumber(ARGV[1 + 2 * i])
        local window = tonumber(ARGV[2 + 2 * i])
        redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
        local wait = 0
        if calls == 0 then
          wait = window
        elseif redis.call('ZCARD', KEYS[i]) >= calls then
          local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
          wait = tonumber(oldest[2]) + window - now
        end
        if wait > worstWait then
          worst = i
          worstWait = wait
        end
      end
      if worst > 0 then
        return {worst, worstWait}
      end
      if ARGV[1] == '1' then
        for i = 1, n do
          redis.call('ZADD', KEYS[i], now, ARGV[2])
          redis.call('PEXPIRE', KEYS[i], math.floor(tonumber(ARGV[2 + 2 * i]) / 1000) + 1000)
        end
        redis.call('SET', KEYS[n + 1], now, 'PX', 86400000)
      end
      return {0, 0}
      """;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisStateStore store;
  private final String prefix;
  /** This replica's calls are {@code <replica>:<n>}: unique members without asking Redis for a number. */
  private final String replica;
  private final AtomicLong calls = new AtomicLong();

  RedisCounters(RedisStateStore store, String prefix) {
    this.store = store;
    this.prefix = prefix;
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    this.replica = HexFormat.of().formatHex(id);
  }

  @Override
  public RateDecision acquire(List<LimitKey> keys) {
    return decide(keys, true);
  }

  @Override
  public RateDecision check(List<LimitKey> keys) {
    return decide(keys, false);
  }

  private RateDecision decide(List<LimitKey> keys, boolean record) {
    if (keys.isEmpty()) {
      return RateDecision.ALLOWED;
    }
    int n = keys.size();
    String[] redisKeys = new String[n + 1];
    String[] args = new String[2 + 2 * n];
    args[0] = record ? "1" : "0";
    args[1] = replica + ":" + calls.incrementAndGet();
    for (int i = 0; i < n; i++) {
      LimitKey key = keys.get(i);
      redisKeys[i] = key(key);
      args[2 + 2 * i] = Integer.toString(key.limit().calls());
      args[3 + 2 * i] = Long.toString(TimeUnit.SECONDS.toMicros(key.limit().windowSeconds()));
    }
    redisKeys[n] = prefix + "clock";
    List<?> answer = (List<?>) store.script(SCRIPT, redisKeys, args);
    int worst = ((Long) answer.get(0)).intValue();
    if (worst == 0) {
      return RateDecision.ALLOWED;
    }
    return LimitCounters.denied(keys.get(worst - 1), TimeUnit.MICROSECONDS.toNanos((Long) answer.get(1)));
  }

  /** The counter's key: its id and its limit (a changed limit is a new counter, as in the local limiter). */
  private String key(LimitKey key) {
    return prefix + "limit:" + key.id() + ":" + key.limit().calls() + "/" + key.limit().windowSeconds();
  }
}
