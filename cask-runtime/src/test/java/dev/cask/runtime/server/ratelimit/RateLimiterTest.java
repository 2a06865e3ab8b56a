package dev.cask.runtime.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.policy.Limit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = new RateLimiter(now::get);

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void admitsExactlyTheLimitWithinTheWindowAndReopensExactlyAtItsEdge() {
    LimitKey key = LimitKey.tool("t", new Limit(3, 10));
    assertThat(limiter.acquire(List.of(key)).allowed()).isTrue(); // t=0
    advanceMillis(4_000);
    assertThat(limiter.acquire(List.of(key)).allowed()).isTrue(); // t=4s
    assertThat(limiter.acquire(List.of(key)).allowed()).isTrue(); // t=4s
    RateDecision fourth = limiter.acquire(List.of(key));
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.key()).isEqualTo(key);
    assertThat(fourth.retryAfterMs()).isEqualTo(6_000); // the call at t=0 leaves the window at t=10s

    advanceMillis(5_999); // t=9.999s: the first call still counts
    assertThat(limiter.acquire(List.of(key)).allowed()).isFalse();
    assertThat(limiter.acquire(List.of(key)).retryAfterMs()).isEqualTo(1);
    advanceMillis(1); // t=10s exactly: it no longer counts
    assertThat(limiter.acquire(List.of(key)).allowed()).isTrue();
    assertThat(limiter.acquire(List.of(key)).allowed()).isFalse();
    assertThat(limiter.count(key)).isEqualTo(3);
    advanceMillis(4_000); // t=14s: the two calls of t=4s leave
    assertThat(limiter.count(key)).isEqualTo(1);
  }

  @Test
  void largeLimitsAreExactWhileTheLogGrowsWithTheCallsThatHappen() {
    LimitKey key = LimitKey.global(new Limit(1_000, 10));
    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.acquire(List.of(key)).allowed()).as("call %d", i).isTrue();
      if (i == 499) {
        advanceMillis(3_000); // the second half, 3 s later: the log wraps and grows across both halves
      }
    }
    assertThat(limiter.acquire(List.of(key)).allowed()).isFalse();
    assertThat(limiter.acquire(List.of(key)).retryAfterMs()).isEqualTo(7_000);
    advanceMillis(7_000); // the first 500 leave the window together
    assertThat(limiter.count(key)).isEqualTo(500);
    for (int i = 0; i < 500; i++) {
      assertThat(limiter.acquire(List.of(key)).allowed()).isTrue();
    }
    assertThat(limiter.acquire(List.of(key)).allowed()).isFalse();
    advanceMillis(3_000); // the second 500 leave: the 500 of just now stay, in order
    assertThat(limiter.count(key)).isEqualTo(500);
    assertThat(limiter.acquire(List.of(key)).allowed()).isTrue();
  }

  @Test
  void aHugeLimitCostsNoMemoryUpFront() {
    long before = usedHeap();
    for (int i = 0; i < 20; i++) {
      limiter.acquire(List.of(LimitKey.tool("t" + i, new Limit(100_000_000, 60))));
    }
    // 20 keys of a 100,000,000-call limit would be 16 GB as fixed arrays; they take a few kilobytes.
    assertThat(usedHeap() - before).isLessThan(64L << 20);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void retryAfterRoundsUpToWholeMilliseconds() {
    LimitKey key = LimitKey.global(new Limit(1, 1));
    limiter.acquire(List.of(key));
    now.addAndGet(1); // one nanosecond later
    assertThat(limiter.acquire(List.of(key)).retryAfterMs()).isEqualTo(1000);
  }

  @Test
  void aCallIsCountedInEveryCounterOrInNone() {
    LimitKey global = LimitKey.global(new Limit(10, 60));
    LimitKey tier = LimitKey.tier("write", new Limit(2, 60));
    LimitKey budget = LimitKey.budget("b", new Limit(100, 3600));
    assertThat(limiter.acquire(List.of(global, tier, budget)).allowed()).isTrue();
    assertThat(limiter.acquire(List.of(global, tier, budget)).allowed()).isTrue();
    RateDecision third = limiter.acquire(List.of(global, tier, budget));
    assertThat(third.allowed()).isFalse();
    assertThat(third.key()).isEqualTo(tier);
    assertThat(limiter.count(global)).isEqualTo(2);
    assertThat(limiter.count(budget)).isEqualTo(2);
  }

  @Test
  void theDenialNamesTheCounterThatStaysSpentLongest() {
    LimitKey shortWindow = LimitKey.tool("t", new Limit(1, 1));
    LimitKey longWindow = LimitKey.budget("b", new Limit(1, 3600));
    limiter.acquire(List.of(shortWindow, longWindow));
    RateDecision denied = limiter.acquire(List.of(shortWindow, longWindow));
    assertThat(denied.key()).isEqualTo(longWindow);
    assertThat(denied.retryAfterMs()).isEqualTo(3_600_000);
    assertThat(denied.key().isBudget()).isTrue();
  }

  @Test
  void checkNeverCounts() {
    LimitKey key = LimitKey.tool("t", new Limit(1, 60));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check(List.of(key)).allowed()).isTrue();
    }
    assertThat(limiter.count(key)).isZero();
    limiter.acquire(List.of(key));
    assertThat(limiter.check(List.of(key)).allowed()).isFalse();
  }

  @Test
  void aZeroLimitAdmitsNothing() {
    LimitKey key = LimitKey.tool("t", new Limit(0, 60));
    RateDecision decision = limiter.acquire(List.of(key));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.retryAfterMs()).isEqualTo(60_000);
  }

  @Test
  void aChangedLimitIsANewCounter() {
    limiter.acquire(List.of(LimitKey.tool("t", new Limit(1, 60))));
    assertThat(limiter.acquire(List.of(LimitKey.tool("t", new Limit(2, 60)))).allowed()).isTrue();
  }

  @Test
  void concurrentCallersNeverGetMoreThanTheLimit() throws Exception {
    RateLimiter real = new RateLimiter(Ticker.SYSTEM);
    LimitKey key = LimitKey.global(new Limit(500, 3600));
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < 2_000; i++) {
      pool.execute(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        if (real.acquire(List.of(key)).allowed()) {
          admitted.incrementAndGet();
        }
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(admitted.get()).isEqualTo(500);
    assertThat(real.count(key)).isEqualTo(500);
  }
}
