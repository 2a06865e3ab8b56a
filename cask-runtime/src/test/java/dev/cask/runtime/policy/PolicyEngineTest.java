package dev.cask.runtime.policy;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.ArgumentCondition;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEngineTest {
  private static final ToolDefinition READ_USER =
      ToolFixtures.tool("get_user").baseUrl("https://api.example.com/v1").path("/users/{id}")
          .param("id", ParameterLocation.PATH, "{\"type\":\"string\"}").definition();
  private static final ToolDefinition CREATE_PAYMENT =
      ToolFixtures.tool("create_payment").method(HttpMethod.POST).risk(RiskTier.SENSITIVE)
          .baseUrl("https://pay.example.com:8443").path("/payments")
          .body("application/json", "{\"type\":\"object\"}", true).definition();

  private static PolicyRule rule(String id, int priority, Effect effect, Match match) {
    return new PolicyRule(id, priority, effect, match, effect == Effect.BUDGET ? new Limit(5, 60) : null, "because " + id);
  }

  private static Match args(ArgumentCondition... conditions) {
    return new Match(null, null, null, null, null, List.of(conditions));
  }

  private static ArgumentCondition cond(String pointer, String op, String value) {
    return new ArgumentCondition(pointer, op, value == null ? null : json(value));
  }

  private static Policy policy(Effect defaultEffect, PolicyRule... rules) {
    return new Policy(Policy.FORMAT_VERSION, defaultEffect, List.of(rules), null);
  }

  private static PolicyVerdict evaluate(Policy policy, ToolDefinition tool, String arguments) {
    return PolicyEngine.compile(policy).forTool(tool).evaluate(json(arguments));
  }

  @Test
  void noPolicyDeniesEverything() {
    PolicyVerdict verdict = PolicyEngine.compile(null).forTool(READ_USER).evaluate(json("{\"id\":\"1\"}"));
    assertThat(verdict.effect()).isEqualTo(Effect.DENY);
    assertThat(verdict.byDefault()).isTrue();
  }

  @Test
  void firstTerminalRuleInPriorityOrderDecides() {
    Policy policy = policy(Effect.DENY,
        rule("allow-all", 10, Effect.ALLOW, Match.any()),
        rule("confirm-read", 50, Effect.CONFIRM, Match.risk(RiskTier.READ)),
        rule("b-deny-same-priority", 50, Effect.DENY, Match.risk(RiskTier.READ)));
    // equal priority: id order decides, so "b-deny..." runs before "confirm-read"
    assertThat(evaluate(policy, READ_USER, "{}").ruleId()).isEqualTo("b-deny-same-priority");
    assertThat(evaluate(policy, CREATE_PAYMENT, "{}").ruleId()).isEqualTo("allow-all");
  }

  @Test
  void budgetAndAuditRulesAreCollectedUntilTheDecisionAndNotAfter() {
    Policy policy = policy(Effect.DENY,
        rule("budget-high", 300, Effect.BUDGET, Match.any()),
        rule("audit-high", 250, Effect.AUDIT, Match.any()),
        rule("allow", 200, Effect.ALLOW, Match.any()),
        rule("budget-low", 100, Effect.BUDGET, Match.any()),
        rule("audit-low", 100, Effect.AUDIT, Match.any()));
    PolicyVerdict verdict = evaluate(policy, READ_USER, "{}");
    assertThat(verdict.effect()).isEqualTo(Effect.ALLOW);
    assertThat(verdict.budgets()).extracting(PolicyRule::id).containsExactly("budget-high");
    assertThat(verdict.auditRules()).containsExactly("audit-high");
  }

  @Test
  void withoutATerminalRuleTheDefaultDecidesButBudgetsStillCount() {
    Policy policy = policy(Effect.CONFIRM, rule("budget", 1, Effect.BUDGET, Match.any()));
    PolicyVerdict verdict = evaluate(policy, READ_USER, "{}");
    assertThat(verdict.effect()).isEqualTo(Effect.CONFIRM);
    assertThat(verdict.ruleId()).isNull();
    assertThat(verdict.budgets()).hasSize(1);
  }

  @Test
  void staticCriteriaSelectToolsByNamePrefixRiskMethodHostAndPath() {
    Policy policy = policy(Effect.DENY,
        rule("by-prefix", 1, Effect.ALLOW, new Match(List.of("get_*"), null, null, null, null, null)),
        rule("by-host-any-port", 1, Effect.ALLOW, new Match(null, null, null, List.of("pay.example.com"), null, null)),
        rule("by-host-other-port", 1, Effect.ALLOW, new Match(null, null, null, List.of("pay.example.com:9999"), null, null)),
        rule("by-path-placeholder", 1, Effect.ALLOW, new Match(null, null, null, null, List.of("/v1/users/{userId}"), null)),
        rule("by-path-prefix", 1, Effect.ALLOW, new Match(null, null, null, null, List.of("/v1/*"), null)),
        rule("by-path-without-base", 1, Effect.ALLOW, new Match(null, null, null, null, List.of("/users/{id}"), null)),
        rule("by-method", 1, Effect.ALLOW, new Match(null, null, List.of(HttpMethod.POST), null, null, null)),
        rule("by-risk-and-method", 1, Effect.ALLOW, new Match(null, List.of(RiskTier.SENSITIVE), List.of(HttpMethod.GET), null, null, null)));
    PolicyEngine engine = PolicyEngine.compile(policy);
    assertThat(engine.forTool(READ_USER).ruleIds()).containsExactly("by-path-placeholder", "by-path-prefix", "by-prefix");
    assertThat(engine.forTool(CREATE_PAYMENT).ruleIds()).containsExactly("by-host-any-port", "by-method");
  }

  @Test
  void everyArgumentOperatorBehavesAsDocumented() {
    String args = "{\"amount\":250,\"currency\":\"EUR\",\"note\":null,\"body\":{\"to\":\"acct-42\",\"tags\":[\"a\"]}}";
    assertThat(holds(cond("/amount", "exists", null), args)).isTrue();
    assertThat(holds(cond("/note", "exists", null), args)).as("null is present").isTrue();
    assertThat(holds(cond("/missing", "exists", null), args)).isFalse();
    assertThat(holds(cond("/missing", "absent", null), args)).isTrue();
    assertThat(holds(cond("/amount", "absent", null), args)).isFalse();
    assertThat(holds(cond("/amount", "equals", "250.0"), args)).as("numbers compare by value").isTrue();
    assertThat(holds(cond("/amount", "equals", "\"250\""), args)).as("a string is not a number").isFalse();
    assertThat(holds(cond("/body", "equals", "{\"tags\":[\"a\"],\"to\":\"acct-42\"}"), args)).isTrue();
    assertThat(holds(cond("/currency", "notEquals", "\"USD\""), args)).isTrue();
    assertThat(holds(cond("/missing", "notEquals", "\"USD\""), args)).as("missing is not equal").isTrue();
    assertThat(holds(cond("/currency", "in", "[\"USD\",\"EUR\"]"), args)).isTrue();
    assertThat(holds(cond("/missing", "in", "[\"USD\"]"), args)).isFalse();
    assertThat(holds(cond("/currency", "notIn", "[\"USD\"]"), args)).isTrue();
    assertThat(holds(cond("/currency", "notIn", "[\"EUR\"]"), args)).isFalse();
    assertThat(holds(cond("/amount", "lessThan", "250"), args)).isFalse();
    assertThat(holds(cond("/amount", "lessOrEqual", "250"), args)).isTrue();
    assertThat(holds(cond("/amount", "greaterThan", "249.5"), args)).isTrue();
    assertThat(holds(cond("/amount", "greaterOrEqual", "251"), args)).isFalse();
    assertThat(holds(cond("/currency", "greaterThan", "1"), args)).as("comparisons need numbers").isFalse();
    assertThat(holds(cond("/body/to", "matches", "\"acct-[0-9]+\""), args)).isTrue();
    assertThat(holds(cond("/body/to", "matches", "\"acct\""), args)).as("full match only").isFalse();
    assertThat(holds(cond("/amount", "matches", "\"2.*\""), args)).as("matches needs a string").isFalse();
    assertThat(holds(cond("/body/tags/0", "equals", "\"a\""), args)).isTrue();
  }

  @Test
  void allConditionsOfARuleMustHold() {
    Policy policy = policy(Effect.ALLOW,
        rule("deny-big-eur", 1, Effect.DENY, args(cond("/currency", "equals", "\"EUR\""), cond("/amount", "greaterThan", "100"))));
    assertThat(evaluate(policy, READ_USER, "{\"currency\":\"EUR\",\"amount\":101}").effect()).isEqualTo(Effect.DENY);
    assertThat(evaluate(policy, READ_USER, "{\"currency\":\"EUR\",\"amount\":100}").effect()).isEqualTo(Effect.ALLOW);
    assertThat(evaluate(policy, READ_USER, "{\"currency\":\"USD\",\"amount\":101}").effect()).isEqualTo(Effect.ALLOW);
  }

  @Test
  void catastrophicPatternsRunInLinearTime() {
    String evil = "a".repeat(50_000) + "!";
    assertThat(holds(cond("/s", "matches", "\"(a+)+$\""), "{\"s\":\"" + evil + "\"}")).isFalse();
    assertThat(holds(cond("/s", "matches", "\"(a|aa)+\""), "{\"s\":\"" + "a".repeat(50_000) + "\"}")).isTrue();
  }

  @Test
  void aValueTooLongForMatchesMakesTheCallUndecidable() {
    Policy policy = policy(Effect.ALLOW, rule("deny-secret", 1, Effect.DENY, args(cond("/s", "matches", "\".*secret.*\""))));
    String longValue = "x".repeat(ArgumentMatcher.MAX_INPUT_LENGTH + 1);
    assertThatThrownBy(() -> evaluate(policy, READ_USER, "{\"s\":\"" + longValue + "\"}"))
        .isInstanceOf(PolicyUnevaluableException.class)
        .hasMessageContaining("deny-secret");
  }

  @Test
  void badOperandsFailAtCompileTimeNamingTheRule() {
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r1", 1, Effect.DENY, args(cond("/a", "in", "\"x\""))))))
        .hasMessageContaining("r1").hasMessageContaining("array");
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r2", 1, Effect.DENY, args(cond("/a", "lessThan", "\"x\""))))))
        .hasMessageContaining("r2").hasMessageContaining("number");
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r3", 1, Effect.DENY, args(cond("/a", "matches", "\"(\""))))))
        .hasMessageContaining("r3").hasMessageContaining("regular expression");
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r4", 1, Effect.DENY, args(cond("/a", "matches", "\"" + "a".repeat(2000) + "\""))))))
        .hasMessageContaining("r4").hasMessageContaining("longer");
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r5", 1, Effect.DENY, args(cond("/a", "exists", "1"))))))
        .hasMessageContaining("r5").hasMessageContaining("no value");
    assertThatThrownBy(() -> PolicyEngine.compile(policy(Effect.DENY, rule("r6", 1, Effect.DENY, args(cond("/a", "equals", null))))))
        .hasMessageContaining("r6").hasMessageContaining("needs a value");
  }

  @Test
  void policyFilesAreReadStrictlyAndCompiled(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("policy.yaml");
    Files.writeString(good, """
        formatVersion: 1
        defaultEffect: deny
        rules:
          - id: allow-small
            priority: 10
            effect: allow
            match:
              tools: [get_*]
              arguments:
                - {pointer: /limit, op: lessOrEqual, value: 100}
        """);
    Policy policy = PolicyFiles.read(good);
    assertThat(evaluate(policy, READ_USER, "{\"limit\":100}").effect()).isEqualTo(Effect.ALLOW);
    assertThat(evaluate(policy, READ_USER, "{\"limit\":101}").effect()).isEqualTo(Effect.DENY);

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        formatVersion: 1
        defaultEffect: deny
        rules:
          - id: broken
            priority: 10
            effect: deny
            match:
              arguments:
                - {pointer: /x, op: in, value: 3}
        """);
    assertThatThrownBy(() -> PolicyFiles.read(bad)).isInstanceOf(CaskException.class)
        .hasMessageContaining("bad.yaml").hasMessageContaining("broken").hasMessageContaining("Fix:");
  }

  private static boolean holds(ArgumentCondition condition, String arguments) {
    JsonNode node = json(arguments);
    return ArgumentMatcher.compile("test", condition).test(node);
  }
}
