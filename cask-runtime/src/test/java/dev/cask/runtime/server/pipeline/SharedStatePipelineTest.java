package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.state.redis.RedisStateStore;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.RedisServer;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on the Redis state store while the store is gone: what needs it is denied ({@code state_unavailable}) and
 * audited, what does not need it runs, and reads run on the replica's own counters only where the policy says so.
 */
class SharedStatePipelineTest {
  @TempDir Path dir;
  private RedisServer redis;
  private LocalUpstream upstream;
  private PipelineHarness harness;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(dir.resolve("redis"));
    upstream = LocalUpstream.start();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    redis.close();
    upstream.close();
  }

  private Tool read(String name, String path) {
    return ToolFixtures.tool(name).baseUrl(upstream.baseUrl()).path(path)
        .param("id", ParameterLocation.QUERY, "{\"type\":\"string\"}").build();
  }

  private Tool write(String name, String path) {
    return ToolFixtures.tool(name).method(HttpMethod.PUT).risk(RiskTier.WRITE).baseUrl(upstream.baseUrl()).path(path)
        .param("id", ParameterLocation.QUERY, "{\"type\":\"string\"}").build();
  }

  /** Reads allowed (two a minute per tier), list_items also budgeted; create_note confirmed; put_flag allowed, unlimited. */
  private static Policy policy(List<RiskTier> localFallback) {
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
        new PolicyRule("budget-lists", 200, Effect.BUDGET, new Match(List.of("list_items"), null, null, null, null, null),
            new Limit(100, 3600), "lists are budgeted"),
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
        new PolicyRule("confirm-notes", 100, Effect.CONFIRM,
            new Match(List.of("create_note"), null, null, null, null, null), null, "a person confirms notes"),
        new PolicyRule("allow-flags", 100, Effect.ALLOW, new Match(List.of("put_flag"), null, null, null, null, null),
            null, "flags are set freely")),
        new RateLimits(null, new TreeMap<>(Map.of("read", new Limit(2, 60))), null, localFallback));
  }

  private void startPipeline(Policy policy) {
    RedisStateStore store = RedisStateStore.open(redis.url(), null, Duration.ofSeconds(5), null);
    PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32"))
        .state(store)
        .sharedKey(new byte[32])
        .build();
    harness = new PipelineHarness(TestPipelines.approved(policy, read("get_item", "/items"), read("list_items", "/list"),
        write("create_note", "/notes"), write("put_flag", "/flag")), settings);
  }

  private String call(String tool) {
    return harness.call(tool, "{\"id\":\"1\"}").reasonCode();
  }

  @Test
  void withTheStoreGoneOnlyWhatNeedsItIsDeniedAndReadsFallBackWhereThePolicySaysSo() throws Exception {
    startPipeline(policy(List.of(RiskTier.READ)));
    assertThat(call("get_item")).isEqualTo("ok"); // counted in Redis
    assertThat(harness.pipeline.stateAvailable()).isTrue();
    redis.kill();

    assertThat(call("get_item")).as("a read: the replica's own counters").isEqualTo("ok");
    assertThat(call("get_item")).isEqualTo("ok");
    assertThat(call("get_item")).as("which still enforce the limit").isEqualTo("rate_limited");
    assertThat(call("list_items")).as("a budgeted read needs the shared budget").isEqualTo("state_unavailable");
    assertThat(call("create_note")).as("a confirmation needs the shared challenges").isEqualTo("state_unavailable");
    assertThat(call("put_flag")).as("no limit, budget or confirmation: the store is not asked").isEqualTo("ok");
    assertThat(harness.pipeline.stateAvailable()).isFalse();

    List<String> audited = harness.auditRecords().stream().map(r -> r.path("reason").asText())
        .filter(reason -> !reason.equals("sending")).toList();
    assertThat(audited).containsExactly("ok", "ok", "ok", "rate_limited", "state_unavailable", "state_unavailable", "ok");
    JsonNode denial = harness.auditRecords().stream()
        .filter(r -> r.path("reason").asText().equals("state_unavailable")).findFirst().orElseThrow();
    assertThat(denial.path("decision").asText()).isEqualTo("deny");
    assertThat(upstream.count()).isEqualTo(4);
  }

  @Test
  void withoutAFallbackInThePolicyEveryLimitedCallIsDeniedUntilTheStoreIsBack() throws Exception {
    startPipeline(policy(null));
    redis.kill();
    assertThat(call("get_item")).isEqualTo("state_unavailable");
    assertThat(call("put_flag")).isEqualTo("ok");
    redis.restart();
    String reason = "state_unavailable";
    for (int i = 0; i < 600 && reason.equals("state_unavailable"); i++) {
      reason = call("get_item");
      if (reason.equals("state_unavailable")) {
        Thread.sleep(100);
      }
    }
    assertThat(reason).as("the replica recovered by itself").isEqualTo("ok");
    assertThat(harness.auditRecords()).extracting(r -> r.path("reason").asText()).startsWith("state_unavailable", "sending", "ok");
  }
}
