package dev.cask.runtime.server.pipeline;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.ArgumentCondition;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool the policy denies whatever its arguments answers with the policy's denial before its arguments are validated,
 * so a caller that may never call it learns nothing of its input schema; rules with argument conditions still decide
 * on validated arguments only.
 */
class PolicyFirstTest {
  /** Arguments wrong in every way the schema can tell: a missing required one, a wrong type, an undeclared one. */
  private static final List<String> INVALID = List.of(
      "{}", "{\"id\":7}", "{\"id\":\"1\",\"secretField\":true}", "{\"body\":{\"role\":\"admin\"}}", "[1]", "\"text\"",
      "{\"id\":\"1\",\"_cask_bogus\":1}", "{\"id\":1e99999}");

  @TempDir Path dir;
  private LocalUpstream upstream;
  private PipelineHarness harness;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = LocalUpstream.start();
    upstream.on("/", request -> LocalUpstream.Reply.json(200, "{}"));
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    upstream.close();
  }

  private Tool tool(String name, HttpMethod method, RiskTier tier) {
    return ToolFixtures.tool(name).method(method).risk(tier).baseUrl(upstream.baseUrl()).path("/items/{id}")
        .param("id", ParameterLocation.PATH, "{\"type\":\"string\",\"pattern\":\"^[a-z0-9-]+$\",\"description\":\"Item id\"}")
        .body("application/json", "{\"type\":\"object\",\"properties\":{\"note\":{\"type\":\"string\"}}}", false)
        .build();
  }

  private void start(Policy policy, Tool... tools) {
    PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32")).build();
    harness = new PipelineHarness(TestPipelines.approved(policy, tools), settings);
  }

  private static PolicyRule rule(String id, int priority, Effect effect, Match match, String reason) {
    return new PolicyRule(id, priority, effect, match, null, reason);
  }

  private static Match onTool(String tool, ArgumentCondition... conditions) {
    return new Match(List.of(tool), null, null, null, null, List.of(conditions));
  }

  private static void assertNoSchemaDetail(ToolCallOutcome outcome) {
    assertThat(outcome.text()).doesNotContain("schema", "$.", "pattern", "string", "required", "Item id", "bogus",
        "secretField", "role", "number", "object");
  }

  @Test
  void aToolDeniedByDefaultAnswersThePolicyDenialWhateverItsArguments() throws Exception {
    start(new Policy(Policy.FORMAT_VERSION, Effect.DENY,
        List.of(rule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), "reads run")), null),
        tool("delete_item", HttpMethod.DELETE, RiskTier.DESTRUCTIVE));
    for (String arguments : INVALID) {
      ToolCallOutcome outcome = harness.call("delete_item", arguments);
      assertThat(outcome.reasonCode()).as(arguments).isEqualTo("policy_default_deny");
      assertNoSchemaDetail(outcome);
    }
    assertThat(harness.auditRecords()).extracting(r -> r.path("reason").asText()).containsOnly("policy_default_deny");
    assertThat(upstream.count()).isZero();
  }

  @Test
  void aToolDeniedByARuleWithoutConditionsAnswersThatRuleWhateverItsArguments() throws Exception {
    start(new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
            rule("audit-all", 300, Effect.AUDIT, Match.any(), "every call is noted"),
            rule("people-only", 200, Effect.DENY, onTool("set_role"), "changed by people only"),
            rule("allow-all", 100, Effect.ALLOW, Match.any(), "everything else runs")), null),
        tool("set_role", HttpMethod.PUT, RiskTier.SENSITIVE));
    for (String arguments : INVALID) {
      ToolCallOutcome outcome = harness.call("set_role", arguments);
      assertThat(outcome.reasonCode()).as(arguments).isEqualTo("policy_deny");
      assertThat(outcome.text()).contains("people-only").contains("changed by people only");
      assertNoSchemaDetail(outcome);
    }
    JsonNode record = harness.lastAudit();
    assertThat(record.path("rule").asText()).isEqualTo("people-only");
    assertThat(record.path("auditRules").toString()).isEqualTo("[\"audit-all\"]");
    // a valid call is denied by the same rule, and its arguments are recorded as an HMAC like every call's
    assertThat(harness.call("set_role", "{\"id\":\"u-1\"}").reasonCode()).isEqualTo("policy_deny");
    assertThat(harness.lastAudit().path("args").asText()).startsWith("hmac-sha256:");
    assertThat(upstream.count()).isZero();
  }

  @Test
  void rulesWithArgumentConditionsDecideOnValidatedArgumentsOnly() throws Exception {
    // deny-prod looks at an argument, so a call must be valid before it can be judged; the unconditional deny after
    // it is then not the first word either.
    start(new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
            rule("allow-dev", 300, Effect.ALLOW,
                onTool("get_item", new ArgumentCondition("/id", "matches", json("\"dev-.*\""))), "dev items are fine"),
            rule("deny-rest", 200, Effect.DENY, onTool("get_item"), "everything else is off limits")), null),
        tool("get_item", HttpMethod.GET, RiskTier.READ));
    assertThat(harness.call("get_item", "{\"id\":7}").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(harness.call("get_item", "{\"id\":\"dev-1\",\"extra\":1}").reasonCode()).isEqualTo("invalid_arguments");
    ToolCallOutcome denied = harness.call("get_item", "{\"id\":\"prod-1\"}");
    assertThat(denied.reasonCode()).isEqualTo("policy_deny");
    assertThat(denied.meta().path("rule").asText()).isEqualTo("deny-rest");
    assertThat(harness.call("get_item", "{\"id\":\"dev-1\"}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.count()).isEqualTo(1);
  }
}
