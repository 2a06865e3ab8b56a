package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.ArgumentCondition;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.McpHttpClient;
import dev.cask.runtime.server.testing.OtlpReceiver;
import dev.cask.runtime.server.testing.Concurrently;
import dev.cask.runtime.server.testing.RedisServer;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas of the packaged server ({@code java -jar cask-runtime.jar serve --http}) on 127.0.0.1 ports, sharing
 * one real {@code redis-server} ({@code --state}) and exporting their audit logs to an OTLP/HTTP receiver
 * ({@code --audit-otlp}), with a client that spreads calls over them round-robin. The tests run in order on the same
 * replicas: a budget across replicas, one confirmation redeemed on all of them at once, the store killed and back,
 * and finally the replicas stopped and their exported audit logs checked against the files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REPLICAS = 3;
  private static final int BUDGET = 20;
  private static final String TOKEN = "replicas-token-0123456789abcdef0123456789abcdef";
  private static final Pattern TRUSTED_KEY = Pattern.compile("--trusted-key': (MCowBQYDK2VwAyEA\\S+)");

  private Path dir;
  private RedisServer redis;
  private LocalUpstream upstream;
  private OtlpReceiver collector;
  private SignedToolpacks.Signed signed;
  private Path sharedKey;
  private final List<HttpServerProcess> servers = new ArrayList<>();
  private final List<McpHttpClient> clients = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  /** Every answer the clients got, by reason: each must be one audit record. */
  private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  /**
   * Writes are allowed within a budget of {@value #BUDGET} an hour, except the write titled "approve me", which a
   * person confirms; reads are allowed, and may be counted by each replica alone while the store is down, except reads
   * of the repository "budgeted", which a (large) budget counts, so they need the store.
   */
  static Policy policy() {
    ArgumentCondition approveMe =
        new ArgumentCondition("/body/title", "equals", JsonNodeFactory.instance.textNode("approve me"));
    ArgumentCondition budgeted =
        new ArgumentCondition("/repo", "equals", JsonNodeFactory.instance.textNode("budgeted"));
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
        new PolicyRule("budget-reads", 250, Effect.BUDGET,
            new Match(List.of("get_repo"), null, null, null, null, List.of(budgeted)), new Limit(100_000, 3600),
            "reads of the budgeted repository are counted"),
        new PolicyRule("confirm-approve-me", 300, Effect.CONFIRM,
            new Match(List.of("create_issue"), null, null, null, null, List.of(approveMe)), null, "a person approves it"),
        new PolicyRule("budget-writes", 200, Effect.BUDGET, Match.risk(RiskTier.WRITE), new Limit(BUDGET, 3600),
            "at most 20 writes an hour"),
        new PolicyRule("allow-write", 100, Effect.ALLOW, Match.risk(RiskTier.WRITE), null, "writes run"),
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run")),
        new RateLimits(new Limit(100_000, 60), new TreeMap<>(), null, List.of(RiskTier.READ)));
  }

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    dir = temp;
    redis = RedisServer.start(dir.resolve("redis"));
    upstream = LocalUpstream.start(8);
    collector = OtlpReceiver.start();
    signed = SignedToolpacks.write(dir, "replicas-api", TestToolpacks.tools(upstream.baseUrl(), 0), policy());
    sharedKey = dir.resolve("shared.key");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.write(sharedKey, key);
    Files.setPosixFilePermissions(sharedKey, PosixFilePermissions.fromString("rw-------"));
    for (int i = 0; i < REPLICAS; i++) {
      Path log = dir.resolve("replica-" + i).resolve("audit.jsonl");
      logs.add(log);
      HttpServerProcess server = HttpServerProcess.start(serveArgs(log), TOKEN, "--state", redis.url(), "--shared-key",
          sharedKey.toString(), "--state-timeout", "10s", "--audit-otlp", collector.url());
      servers.add(server);
      clients.add(McpHttpClient.connect(server.url(""), TOKEN));
    }
  }

  private List<String> serveArgs(Path auditLog) {
    return SignedToolpacks.serveArgs(new SignedToolpacks.Signed(signed.toolpack(), signed.lockfile(), signed.signers(),
        auditLog, signed.signersDigest()));
  }

  @AfterAll
  void stop() {
    servers.forEach(HttpServerProcess::close);
    if (redis != null) {
      redis.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  /** A call on the next replica (round-robin); its answer is tallied by reason. */
  private JsonNode call(String params) throws Exception {
    return call(next.getAndIncrement() % REPLICAS, params);
  }

  private JsonNode call(int replica, String params) throws Exception {
    JsonNode result = clients.get(replica).call(params);
    answers.computeIfAbsent(McpHttpClient.reason(result), r -> new AtomicInteger()).incrementAndGet();
    return result;
  }

  private static String write(String title) {
    return "{\"name\":\"create_issue\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\",\"body\":{\"title\":\"" + title + "\"}}}";
  }

  private static final String READ = "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello\"}}";

  private long posts(String title) {
    return upstream.received().stream()
        .filter(r -> r.method().equals("POST") && r.bodyText().contains("\"title\":\"" + title)).count();
  }

  @Test
  @Order(1)
  void aBudgetOfNWritesAllowsExactlyNAcrossTheReplicasUnder32ConcurrentCallers() throws Exception {
    List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger n = new AtomicInteger();
    Concurrently.run(32, () -> {
      int i;
      while ((i = n.getAndIncrement()) < 120) {
        reasons.add(McpHttpClient.reason(call(write("budget " + i))));
      }
      return null;
    });
    assertThat(reasons).hasSize(120);
    assertThat(reasons).filteredOn("ok"::equals).hasSize(BUDGET);
    assertThat(reasons).filteredOn("budget_exhausted"::equals).hasSize(120 - BUDGET);
    assertThat(posts("budget ")).as("writes that reached the upstream").isEqualTo(BUDGET);
    System.out.println("ReplicasIT budget figures: 120 writes from 32 callers over " + REPLICAS + " replicas: "
        + reasons.stream().collect(java.util.stream.Collectors.groupingBy(r -> r, TreeMap::new,
            java.util.stream.Collectors.counting())));
  }

  @Test
  @Order(2)
  void oneConfirmationRedeemedConcurrentlyOnAllReplicasSucceedsExactlyOnce() throws Exception {
    JsonNode challenge = call(0, write("approve me"));
    assertThat(McpHttpClient.reason(challenge)).isEqualTo("confirmation_required");
    String id = challenge.at("/_meta/dev.cask~1outcome/challenge").asText();
    assertThat(id).hasSize(12);
    assertThat(McpHttpClient.reason(call(1, write("approve me")))).as("asked on another replica: the same challenge")
        .isEqualTo("confirmation_required");

    Processes.Result confirm = Processes.run(Processes.productionJar("confirm", id, "--state", redis.url(),
        "--shared-key", sharedKey.toString(), "--yes"), Map.of(), 120);
    assertThat(confirm.exitCode()).as(confirm.stderr()).isZero();
    assertThat(confirm.stdout()).contains("Approved " + id);
    assertThat(confirm.stderr()).contains("create_issue", "POST ");

    String redeem = "{\"name\":\"create_issue\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\",\"body\":{\"title\":"
        + "\"approve me\"},\"_cask_confirmation\":\"" + id + "\"}}";
    List<String> reasons = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger k = new AtomicInteger();
    Concurrently.run(4 * REPLICAS, () -> {
      int replica = k.getAndIncrement() % REPLICAS;
      go.await();
      reasons.add(McpHttpClient.reason(call(replica, redeem)));
      return null;
    }, go);
    assertThat(reasons).hasSize(4 * REPLICAS);
    assertThat(reasons).filteredOn("ok"::equals).hasSize(1);
    assertThat(reasons).filteredOn("confirmation_replayed"::equals).hasSize(4 * REPLICAS - 1);
    assertThat(posts("approve me")).isEqualTo(1);
  }

  private static final String BUDGETED_READ =
      "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"budgeted\"}}";

  /**
   * Callers keep calling while Redis is killed and started again: a budgeted read, a write (its budget is spent) and a
   * plain read, in turn, spread over the replicas.
   */
  @Test
  @Order(3)
  void withTheStoreKilledMidRunCallsThatNeedItAreDeniedAndTheReplicasRecoverWhenItIsBack() throws Exception {
    long postsBefore = upstream.received().stream().filter(r -> r.method().equals("POST")).count();
    Map<String, List<String>> byCall = new ConcurrentHashMap<>();
    AtomicInteger made = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>("up");
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<Future<Void>> running = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      running.add(callers.submit(() -> {
        for (int i = 0; !stop.get(); i++) {
          String kind = List.of("budgeted", "write", "read").get(i % 3);
          String at = phase.get();
          String params = kind.equals("budgeted") ? BUDGETED_READ : kind.equals("write") ? write("mid-run " + i) : READ;
          String reason = McpHttpClient.reason(call(params));
          // A call that began in one phase and ended in the next was decided in either: it is tallied apart.
          String end = phase.get();
          String when = at.equals(end) ? at : at + "-" + end;
          byCall.computeIfAbsent(kind + " " + when, k -> Collections.synchronizedList(new ArrayList<>())).add(reason);
          made.incrementAndGet();
        }
        return null;
      }));
    }
    try {
      awaitCalls(made, 60);
      redis.kill(); // kill -9 while calls are in flight
      phase.set("down");
      int before = made.get();
      awaitCalls(made, before + 120);
      phase.set("back");
      redis.restart();
      awaitCalls(made, made.get() + 60);
    } finally {
      stop.set(true);
      for (Future<Void> caller : running) {
        caller.get(5, TimeUnit.MINUTES);
      }
      callers.shutdownNow();
    }
    // While Redis was dead, a call that needs it was never allowed: every budgeted read that ran is in the shared
    // budget (the append-only file lost nothing), and no write reached the upstream.
    long allowedBudgeted = byCall.entrySet().stream().filter(e -> e.getKey().startsWith("budgeted"))
        .flatMap(e -> e.getValue().stream()).filter("ok"::equals).count();
    assertThat(byCall.get("budgeted down")).as("budgeted reads made while Redis was dead").isNotEmpty()
        .containsOnly("state_unavailable");
    assertThat(byCall.get("write down")).as("writes made while Redis was dead").isNotEmpty()
        .containsOnly("state_unavailable");
    assertThat(byCall.get("read down")).as("the policy lets reads be counted by each replica alone").containsOnly("ok");
    assertThat(upstream.received().stream().filter(r -> r.method().equals("POST")).count())
        .as("no write was allowed").isEqualTo(postsBefore);

    // Redis is back: every replica decides from the store again, by itself.
    for (int replica = 0; replica < REPLICAS; replica++) {
      String reason = "state_unavailable";
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (reason.equals("state_unavailable") && System.nanoTime() < deadline) {
        reason = McpHttpClient.reason(call(replica, BUDGETED_READ));
        if (reason.equals("state_unavailable")) {
          Thread.sleep(200);
        } else if (reason.equals("ok")) {
          allowedBudgeted++;
        }
      }
      assertThat(reason).as("replica %d answers from the store again", replica).isEqualTo("ok");
      assertThat(McpHttpClient.reason(call(replica, write("after outage")))).as("the budget spent before the kill is kept")
          .isEqualTo("budget_exhausted");
    }
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
      java.util.Set<String> keys = jedis.keys("cask:replicas-api:*:limit:budget:budget-reads:100000/3600");
      assertThat(keys).hasSize(1);
      // Every budgeted read that ran is counted in the shared budget; a call in flight at the kill may have been
      // counted and then denied (its answer lost): over-counted, never under-counted.
      assertThat(jedis.zcard(keys.iterator().next())).as("the shared budget against the budgeted reads that ran")
          .isBetween(allowedBudgeted, allowedBudgeted + 8);
    }
    assertThat(servers.get(0).stderr()).contains("is unavailable", "answers again");
    System.out.println("ReplicasIT fault figures: answers by call and phase (up, Redis killed, restarted;"
        + " x-y: begun in one, ended in the next): "
        + new TreeMap<>(byCall.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            e -> e.getValue().stream().collect(java.util.stream.Collectors.groupingBy(r -> r,
                TreeMap::new, java.util.stream.Collectors.counting())))))
        + "; budgeted reads allowed " + allowedBudgeted);
  }

  private static void awaitCalls(AtomicInteger made, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (made.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(made.get()).as("calls made").isGreaterThanOrEqualTo(count);
  }

  @Test
  @Order(4)
  void everyDecisionIsAuditedAndTheCollectorsCopyOfEachLogVerifies() throws Exception {
    List<String> keys = new ArrayList<>();
    for (HttpServerProcess server : servers) {
      Matcher key = TRUSTED_KEY.matcher(server.stderr());
      assertThat(key.find()).isTrue();
      keys.add(key.group(1));
    }
    servers.forEach(HttpServerProcess::close); // SIGTERM: final checkpoint, last export
    Map<String, Integer> audited = new TreeMap<>();
    int intents = 0;
    for (int i = 0; i < REPLICAS; i++) {
      Path log = logs.get(i);
      List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
      for (String line : lines) {
        JsonNode record = JSON.readTree(line);
        if (record.path("reason").asText().equals("sending")) {
          intents++;
        } else {
          audited.merge(record.path("reason").asText(), 1, Integer::sum);
        }
      }
      assertThat(AuditLogs.verify(log).complete()).as("replica %d's own log", i).isTrue();

      // The collector's copy: every record's exact line, its hash as an attribute, in the file's order.
      String path = log.toAbsolutePath().toString();
      List<OtlpReceiver.Log> exported = collector.logs().stream()
          .filter(l -> path.equals(l.resource().get("cask.audit.log"))).toList();
      List<OtlpReceiver.Log> records = exported.stream().filter(l -> "record".equals(l.attributes().get("cask.audit.kind")))
          .sorted(Comparator.comparingLong(l -> Long.parseLong(l.attributes().get("cask.audit.seq")))).toList();
      assertThat(records).extracting(OtlpReceiver.Log::body).as("replica %d: every record exported", i)
          .containsExactlyElementsOf(lines);
      for (OtlpReceiver.Log record : records) {
        assertThat(record.attributes().get("cask.audit.hash")).isEqualTo(hash(record.body()));
      }
      List<String> checkpoints = exported.stream().filter(l -> "checkpoint".equals(l.attributes().get("cask.audit.kind")))
          .map(OtlpReceiver.Log::body).toList();
      assertThat(checkpoints).isNotEmpty();
      String last = checkpoints.get(checkpoints.size() - 1);
      assertThat(last).contains("\"final\":true");
      Path copy = Files.createDirectories(dir.resolve("collector-" + i)).resolve("audit.jsonl");
      Files.write(copy, records.stream().map(OtlpReceiver.Log::body).toList(), StandardCharsets.US_ASCII);
      Files.writeString(copy.resolveSibling("audit.jsonl.checkpoint"), last + "\n", StandardCharsets.US_ASCII);
      Processes.Result verify = Processes.run(
          Processes.productionJar("audit", "verify", copy.toString(), "--trusted-key", keys.get(i)), Map.of(), 60);
      assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
      assertThat(verify.stdout()).contains(": OK: " + lines.size() + " records");
      assertThat(servers.get(i).stderr()).contains("audit export to " + collector.url() + ": ", " record(s) delivered, 0 failed");
    }

    Map<String, Integer> answered = new TreeMap<>();
    answers.forEach((reason, count) -> answered.put(reason, count.get()));
    assertThat(audited).as("one audit record per answer").isEqualTo(answered);
    assertThat(intents).as("one intent before each request that left").isEqualTo(answered.get("ok"));

    // Metrics over the same exporter: the last (cumulative) value per replica and reason.
    assertThat(metric("cask.calls", Map.of("cask.reason", "state_unavailable")))
        .isEqualTo(answered.get("state_unavailable"));
    assertThat(metric("cask.calls", Map.of("cask.reason", "ok"))).isEqualTo(answered.get("ok"));
    assertThat(metric("cask.upstream.responses", Map.of("cask.upstream.status_class", "2xx"))).isEqualTo(answered.get("ok"));
    assertThat(metric("cask.call.duration", Map.of("cask.decision", "allow"))).isEqualTo(answered.get("ok"));
    assertThat(collector.points()).filteredOn(p -> p.metric().equals("cask.state.available")).isNotEmpty();
  }

  /** The sum over the replicas of a cumulative metric's last value for the data points with these attributes. */
  private int metric(String name, Map<String, String> attributes) {
    Map<String, Double> lastByReplicaAndPoint = new TreeMap<>();
    for (OtlpReceiver.Point point : collector.points()) {
      if (point.metric().equals(name) && point.attributes().entrySet().containsAll(attributes.entrySet())) {
        lastByReplicaAndPoint.put(point.resource().get("cask.audit.log") + " " + new TreeMap<>(point.attributes()),
            point.value());
      }
    }
    return Math.toIntExact(Math.round(lastByReplicaAndPoint.values().stream().mapToDouble(Double::doubleValue).sum()));
  }

  private static String hash(String line) throws Exception {
    String covered = line.substring(0, line.lastIndexOf(",\"hash\":"));
    return "sha256:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(covered.getBytes(StandardCharsets.US_ASCII)));
  }

}
