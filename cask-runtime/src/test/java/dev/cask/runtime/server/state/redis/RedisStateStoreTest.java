package dev.cask.runtime.server.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.server.confirm.ApprovalChannel;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.confirm.RedeemResult;
import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.RateDecision;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.ratelimit.Ticker;
import dev.cask.runtime.server.state.StateNamespace;
import dev.cask.runtime.server.state.StateUnavailableException;
import dev.cask.runtime.server.testing.Concurrently;
import dev.cask.runtime.server.testing.RedisServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis state store against a real {@code redis-server}: the same semantics as the local limiter and confirmation
 * store, exact across several stores ("replicas") at once, and failing closed when the server is gone or hangs.
 */
class RedisStateStoreTest {
  private static final StateNamespace NS = new StateNamespace("shop", "sha256:" + "a".repeat(64));
  private static final byte[] KEY = new byte[32];
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private RedisServer redis;
  private final List<RedisStateStore> stores = new ArrayList<>();

  @BeforeEach
  void start() {
    redis = RedisServer.start(dir.resolve("redis"));
  }

  @AfterEach
  void stop() {
    stores.forEach(RedisStateStore::close);
    redis.close();
  }

  private RedisStateStore store(Duration timeout) {
    RedisStateStore store = RedisStateStore.open(redis.url(), null, timeout, null);
    stores.add(store);
    return store;
  }

  private RedisStateStore store() {
    return store(TIMEOUT);
  }

  /** What a limiter answers to a fixed sequence of calls, and the retry times of its denials. */
  private static List<String> scenario(LimitCounters counters, List<Long> retries) {
    LimitKey tool = LimitKey.tool("t", new Limit(2, 3600));
    LimitKey global = LimitKey.global(new Limit(3, 3600));
    LimitKey never = LimitKey.tier("write", new Limit(0, 60));
    LimitKey once = LimitKey.budget("b", new Limit(1, 60));
    List<String> answers = new ArrayList<>();
    List<List<LimitKey>> calls = List.of(List.of(global, tool), List.of(global, tool), List.of(global, tool),
        List.of(global), List.of(global), List.of(never));
    for (List<LimitKey> keys : calls) {
      answers.add(describe(counters.acquire(keys), retries));
    }
    answers.add("check " + describe(counters.check(List.of(once)), retries));
    answers.add("check " + describe(counters.check(List.of(once)), retries));
    answers.add(describe(counters.acquire(List.of(once)), retries));
    answers.add(describe(counters.acquire(List.of(once)), retries));
    return answers;
  }

  private static String describe(RateDecision decision, List<Long> retries) {
    if (decision.allowed()) {
      return "allowed";
    }
    retries.add(decision.retryAfterMs());
    return "denied by " + decision.key().id();
  }

  @Test
  void countersDecideExactlyAsTheLocalLimiterWithTheSameRetryTimes() {
    List<Long> localRetries = new ArrayList<>();
    List<Long> redisRetries = new ArrayList<>();
    long before = System.nanoTime();
    List<String> local = scenario(new RateLimiter(Ticker.SYSTEM), localRetries);
    List<String> shared = scenario(store().counters(NS, Ticker.SYSTEM), redisRetries);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;

    assertThat(shared).isEqualTo(local).containsExactly(
        "allowed", "allowed", "denied by tool:t", // the third call counts nowhere: all or nothing
        "allowed", "denied by global", "denied by tier:write",
        "check allowed", "check allowed", "allowed", "denied by budget:b"); // checks count nothing
    for (List<Long> retries : List.of(localRetries, redisRetries)) {
      assertThat(retries).hasSize(4);
      // until the oldest call in the spent window leaves it: one window after it was counted, in whole ms
      assertThat(retries.get(0)).isBetween(3_600_000 - elapsedMs, 3_600_000L);
      assertThat(retries.get(1)).isBetween(3_600_000 - elapsedMs, 3_600_000L);
      assertThat(retries.get(2)).as("a limit of 0 calls: retry after one window").isEqualTo(60_000L);
      assertThat(retries.get(3)).isBetween(60_000 - elapsedMs, 60_000L);
    }
  }

  @Test
  void manyReplicasCountedConcurrentlyAdmitExactlyTheLimit() throws Exception {
    List<LimitCounters> replicas = List.of(store().counters(NS, Ticker.SYSTEM), store().counters(NS, Ticker.SYSTEM),
        store().counters(NS, Ticker.SYSTEM));
    List<LimitKey> keys = List.of(LimitKey.global(new Limit(1000, 3600)), LimitKey.budget("writes", new Limit(25, 3600)));
    AtomicInteger allowed = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    Concurrently.run(32, () -> {
      int i;
      while ((i = next.getAndIncrement()) < 200) {
        if (replicas.get(i % 3).acquire(keys).allowed()) {
          allowed.incrementAndGet();
        }
      }
      return null;
    });
    assertThat(allowed.get()).isEqualTo(25);
    // A denied call counted nowhere: the global window holds exactly the 25 admitted calls.
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
      assertThat(jedis.zcard(RedisStateStore.prefix(NS) + "limit:global:1000/3600")).isEqualTo(25L);
      assertThat(jedis.zcard(RedisStateStore.prefix(NS) + "limit:budget:writes:25/3600")).isEqualTo(25L);
    }
  }

  @Test
  void twoToolpacksOrTwoLockfilesNeverShareACounter() {
    RedisStateStore store = store();
    List<LimitKey> once = List.of(LimitKey.global(new Limit(1, 3600)));
    assertThat(store.counters(NS, Ticker.SYSTEM).acquire(once).allowed()).isTrue();
    assertThat(store.counters(NS, Ticker.SYSTEM).acquire(once).allowed()).isFalse();
    assertThat(store.counters(new StateNamespace("shop", "sha256:" + "b".repeat(64)), Ticker.SYSTEM).acquire(once).allowed())
        .as("a new lockfile").isTrue();
    assertThat(store.counters(new StateNamespace("other", NS.lockfileDigest()), Ticker.SYSTEM).acquire(once).allowed())
        .as("another toolpack").isTrue();
  }

  private Confirmations confirmations(RedisStateStore store, byte[] key) {
    return store.confirmations(NS, key, Clock.systemUTC(), Duration.ofMinutes(10));
  }

  @Test
  void aChallengeIssuedOnOneReplicaIsApprovedByConfirmAndRedeemedExactlyOnceAcrossAll() throws Exception {
    List<Confirmations> replicas = List.of(confirmations(store(), KEY), confirmations(store(), KEY),
        confirmations(store(), KEY));
    PendingConfirmation challenge = replicas.get(0).issue("create_note", "sha256:args", NS.lockfileDigest(), "POST /notes");
    assertThat(replicas.get(1).issue("create_note", "sha256:args", NS.lockfileDigest(), "POST /notes").id())
        .as("the same call asked on another replica gets the challenge already waiting").isEqualTo(challenge.id());
    assertThat(replicas.get(2).redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest()))
        .isEqualTo(RedeemResult.PENDING);

    // `confirm <id> --state ...`: found by its id alone, approved with the shared key
    RedisStateStore cli = store();
    assertThat(cli.namespacesHolding(challenge.id(), null)).containsExactly(NS);
    assertThat(confirmations(cli, KEY).approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);

    assertThat(replicas.get(1).redeem(challenge.id(), "create_note", "sha256:other-args", NS.lockfileDigest()))
        .as("another call does not burn the approval").isEqualTo(RedeemResult.MISMATCH);

    List<RedeemResult> results = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger next = new AtomicInteger();
    Concurrently.run(12, () -> {
      Confirmations replica = replicas.get(next.getAndIncrement() % 3);
      go.await();
      results.add(replica.redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest()));
      return null;
    }, go);
    assertThat(results).hasSize(12);
    assertThat(results).filteredOn(r -> r == RedeemResult.ACCEPTED).hasSize(1);
    assertThat(results).filteredOn(r -> r == RedeemResult.REPLAYED).hasSize(11);
    assertThat(replicas.get(0).describe(challenge.id()).orElseThrow().approvedVia()).isEqualTo("cli");
  }

  @Test
  void anApprovalStaysBoundToToolArgumentsLockfileAndExpiryOnEveryReplica() {
    Instant issued = Instant.parse("2026-01-01T00:00:00Z");
    Confirmations issuer = store().confirmations(NS, KEY, Clock.fixed(issued, ZoneOffset.UTC), Duration.ofMinutes(10));
    PendingConfirmation challenge = issuer.issue("create_note", "sha256:args", NS.lockfileDigest(), "POST /notes");
    assertThat(issuer.approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);

    Confirmations later = store().confirmations(NS, KEY, Clock.fixed(issued.plus(Duration.ofMinutes(11)), ZoneOffset.UTC),
        Duration.ofMinutes(10));
    Confirmations inTime = store().confirmations(NS, KEY, Clock.fixed(issued.plus(Duration.ofMinutes(9)), ZoneOffset.UTC),
        Duration.ofMinutes(10));
    assertThat(inTime.redeem(challenge.id(), "delete_note", "sha256:args", NS.lockfileDigest())).as("another tool")
        .isEqualTo(RedeemResult.MISMATCH);
    assertThat(inTime.redeem(challenge.id(), "create_note", "sha256:args", "sha256:" + "b".repeat(64)))
        .as("another lockfile").isEqualTo(RedeemResult.MISMATCH);
    assertThat(later.redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest())).as("past its expiry")
        .isEqualTo(RedeemResult.EXPIRED);
    assertThat(inTime.redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest()))
        .as("none of those used it up").isEqualTo(RedeemResult.ACCEPTED);
  }

  @Test
  void aRecordWrittenWithoutTheSharedKeyIsNeverAccepted() {
    RedisStateStore store = store();
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    PendingConfirmation challenge =
        confirmations(store, KEY).issue("create_note", "sha256:args", NS.lockfileDigest(), "POST /notes");
    // Someone who can write to Redis but does not hold the key approves it: the approval's MAC does not hold.
    assertThat(confirmations(store, otherKey).approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);
    assertThat(confirmations(store, KEY).redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest()))
        .isEqualTo(RedeemResult.MISMATCH);
    assertThat(confirmations(store, otherKey).redeem(challenge.id(), "create_note", "sha256:args", NS.lockfileDigest()))
        .as("nor is its token theirs").isEqualTo(RedeemResult.MISMATCH);
  }

  @Test
  void aStoreThatIsGoneIsUnavailableAndTheReplicaRecoversByItselfWithTheCountersKept() throws Exception {
    RedisStateStore store = store(Duration.ofSeconds(2));
    LimitCounters counters = store.counters(NS, Ticker.SYSTEM);
    List<LimitKey> once = List.of(LimitKey.budget("b", new Limit(1, 3600)));
    assertThat(counters.acquire(once).allowed()).isTrue();

    redis.kill();
    assertThatThrownBy(() -> counters.acquire(once)).isInstanceOf(StateUnavailableException.class)
        .hasMessageContaining("redis://127.0.0.1:" + redis.port() + "/0");
    assertThat(store.available()).isFalse();

    redis.restart();
    RateDecision after = awaitAnswer(() -> counters.acquire(once));
    assertThat(store.available()).isTrue();
    assertThat(after.allowed()).as("the budget spent before the kill is still spent (append-only file)").isFalse();
    assertThat(after.key().id()).isEqualTo("budget:b");
  }

  @Test
  void aStoreThatHangsIsUnavailableAfterTheBoundedTimeout() throws Exception {
    RedisStateStore store = store(Duration.ofMillis(300));
    LimitCounters counters = store.counters(NS, Ticker.SYSTEM);
    List<LimitKey> key = List.of(LimitKey.global(new Limit(100, 60)));
    assertThat(counters.acquire(key).allowed()).isTrue();
    signal("STOP");
    try {
      assertThatThrownBy(() -> counters.acquire(key)).isInstanceOf(StateUnavailableException.class);
      assertThat(store.available()).isFalse();
    } finally {
      signal("CONT");
    }
    assertThat(awaitAnswer(() -> counters.acquire(key)).allowed()).isTrue();
  }

  @Test
  void aStoreThatCannotBeReachedAtStartIsAClearStartUpError() {
    redis.kill();
    assertThatThrownBy(() -> store(Duration.ofSeconds(1))).isInstanceOf(CaskException.class)
        .hasMessageContaining("--state redis://127.0.0.1:" + redis.port() + "/0")
        .hasMessageContaining("cannot use the shared state store");
    assertThatThrownBy(() -> RedisStateStore.open("http://127.0.0.1:1/0", null, TIMEOUT, null))
        .isInstanceOf(CaskException.class).hasMessageContaining("redis:// or rediss://");
    assertThat(RedisStateStore.withoutSecrets("redis://user:s3cret@host:6379/0")).isEqualTo("redis://host:6379/0");
  }

  private void signal(String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid())).start().waitFor()).isZero();
  }

  /** Retries while the store is unavailable (it reconnects in the background), for at most a minute. */
  private static <T> T awaitAnswer(Callable<T> request) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        return request.call();
      } catch (StateUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
