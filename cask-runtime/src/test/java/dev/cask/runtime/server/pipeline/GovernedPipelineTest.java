package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.confirm.ApprovalChannel;
import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.ArgumentCondition;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.LocalUpstream.Reply;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.server.upstream.UpstreamSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernedPipelineTest {
  @TempDir Path dir;
  private LocalUpstream upstream;
  private PipelineHarness harness;
  private final AtomicLong ticker = new AtomicLong(0);

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = LocalUpstream.start();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    upstream.close();
  }

  private Tool getItem() {
    return ToolFixtures.tool("get_item").baseUrl(upstream.baseUrl()).path("/items/{id}")
        .param("id", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .param("verbose", ParameterLocation.QUERY, "verbose", "{\"type\":\"boolean\"}", null, null, false)
        .build();
  }

  private Tool createNote() {
    return ToolFixtures.tool("create_note").method(HttpMethod.POST).risk(RiskTier.WRITE).baseUrl(upstream.baseUrl())
        .path("/notes").body("application/json",
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"},\"password\":{\"type\":\"string\"}},"
                + "\"additionalProperties\":false}", true)
        .build();
  }

  private PipelineSettings.Builder settings() {
    return PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32"))
        .ticker(ticker::get);
  }

  private PipelineHarness start(Policy policy, PipelineSettings settings, Tool... tools) {
    harness = new PipelineHarness(TestPipelines.approved(policy, tools), settings);
    return harness;
  }

  private static Policy defaultLikePolicy(RateLimits limits, PolicyRule... extra) {
    List<PolicyRule> rules = new java.util.ArrayList<>(List.of(
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
        new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null, "a person confirms every write")));
    rules.addAll(List.of(extra));
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, rules, limits);
  }

  @Test
  void anAllowedCallReachesTheUpstreamWithEncodedValuesAndIsAudited() throws Exception {
    upstream.on("/items/", request -> Reply.json(200, "{\"id\":\"x\",\"apiToken\":\"tok-123\"}"));
    start(defaultLikePolicy(null), settings().build(), getItem());

    ToolCallOutcome outcome = harness.call("get_item", "{\"id\":\"a/b c?d\",\"verbose\":true}");

    assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
    assertThat(outcome.reasonCode()).isEqualTo("ok");
    assertThat(outcome.isError()).isFalse();
    assertThat(upstream.last().rawPath()).isEqualTo("/items/a%2Fb%20c%3Fd");
    assertThat(upstream.last().rawQuery()).isEqualTo("verbose=true");
    assertThat(upstream.last().headers().get("Host")).containsExactly(upstream.baseUrl().substring("http://".length()));
    assertThat(outcome.text()).contains("\"id\":\"x\"").contains("[REDACTED]").doesNotContain("tok-123");
    assertThat(outcome.meta().path("upstream_status").asInt()).isEqualTo(200);

    JsonNode record = harness.lastAudit();
    assertThat(record.path("decision").asText()).isEqualTo("allow");
    assertThat(record.path("reason").asText()).isEqualTo("ok");
    assertThat(record.path("rule").asText()).isEqualTo("allow-read");
    assertThat(record.path("upstreamStatus").asInt()).isEqualTo(200);
    assertThat(record.path("args").asText()).startsWith("hmac-sha256:");
    assertThat(record.path("lockfile").asText()).startsWith("sha256:");
    assertThat(Files.readString(harness.auditLog)).doesNotContain("a/b c?d").doesNotContain("tok-123");
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void unknownToolsUndeclaredArgumentsAndBadTypesAreDeniedBeforeAnythingIsSent() throws Exception {
    start(TestPipelines.allowAll(), settings().build(), getItem());
    assertThat(harness.call("delete_everything", "{}").reasonCode()).isEqualTo("unknown_tool");
    ToolCallOutcome undeclared = harness.call("get_item", "{\"id\":\"1\",\"admin\":true}");
    assertThat(undeclared.reasonCode()).isEqualTo("invalid_arguments");
    assertThat(undeclared.text()).contains("admin");
    assertThat(harness.call("get_item", "{\"id\":7}").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(harness.call("get_item", "{}").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(harness.call("get_item", "[1,2]").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"_cask_sudo\":true}").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"_cask_dry_run\":\"yes\"}").reasonCode()).isEqualTo("invalid_arguments");
    assertThat(upstream.count()).isZero();
    assertThat(harness.auditRecords()).extracting(r -> r.path("decision").asText()).containsOnly("deny");
    assertThat(harness.auditRecords()).hasSize(7);
  }

  @Test
  void policyDenialsByRuleAndByDefault() {
    Tool destructive = ToolFixtures.tool("delete_item").method(HttpMethod.DELETE).risk(RiskTier.DESTRUCTIVE)
        .baseUrl(upstream.baseUrl()).path("/items").build();
    PolicyRule denyProd = new PolicyRule("deny-prod", 200, Effect.DENY,
        new Match(null, null, null, null, null, List.of(new ArgumentCondition("/id", "matches", json("\"prod-.*\"")))),
        null, "production items are off limits");
    start(defaultLikePolicy(null, denyProd), settings().build(), getItem(), destructive);

    ToolCallOutcome byRule = harness.call("get_item", "{\"id\":\"prod-7\"}");
    assertThat(byRule.reasonCode()).isEqualTo("policy_deny");
    assertThat(byRule.text()).contains("deny-prod").contains("production items are off limits");
    assertThat(byRule.meta().path("rule").asText()).isEqualTo("deny-prod");
    assertThat(harness.call("delete_item", "{}").reasonCode()).isEqualTo("policy_default_deny");
    assertThat(harness.call("get_item", "{\"id\":\"dev-7\"}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.count()).isEqualTo(1);
  }

  @Test
  void rateLimitsAreEnforcedWithExactWindowsAndSayWhenToRetry() {
    RateLimits limits = new RateLimits(null, null, new TreeMap<>(Map.of("get_item", new Limit(2, 10))));
    start(defaultLikePolicy(limits), settings().build(), getItem());
    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("ok");
    ticker.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("ok");
    ToolCallOutcome limited = harness.call("get_item", "{\"id\":\"1\"}");
    assertThat(limited.reasonCode()).isEqualTo("rate_limited");
    assertThat(limited.meta().path("retry_after_ms").asLong()).isEqualTo(7_000);
    assertThat(limited.meta().path("limit").asText()).isEqualTo("tool:get_item");
    assertThat(limited.text()).contains("retry_after_ms=7000");
    ticker.addAndGet(Duration.ofSeconds(7).toNanos());
    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.count()).isEqualTo(3);
  }

  @Test
  void budgetsCountOnlyMatchingCallsAndDryRunsConsumeNothing() {
    PolicyRule budget = new PolicyRule("budget-verbose", 300, Effect.BUDGET,
        new Match(null, null, null, null, null, List.of(new ArgumentCondition("/verbose", "equals", json("true")))),
        new Limit(1, 3600), "one verbose call per hour");
    start(defaultLikePolicy(null, budget), settings().build(), getItem());
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"verbose\":true,\"_cask_dry_run\":true}").reasonCode()).isEqualTo("dry_run");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"verbose\":true,\"_cask_dry_run\":true}").reasonCode()).isEqualTo("dry_run");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"verbose\":true}").reasonCode()).isEqualTo("ok");
    ToolCallOutcome spent = harness.call("get_item", "{\"id\":\"1\",\"verbose\":true}");
    assertThat(spent.reasonCode()).isEqualTo("budget_exhausted");
    assertThat(spent.meta().path("retry_after_ms").asLong()).isEqualTo(3_600_000);
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"verbose\":false}").reasonCode()).isEqualTo("ok");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"verbose\":true,\"_cask_dry_run\":true}").reasonCode())
        .as("a dry run reports a spent budget too").isEqualTo("budget_exhausted");
    assertThat(upstream.count()).isEqualTo(2);
  }

  @Test
  void confirmationFlowFromChallengeToApprovalToOneSingleRun() throws Exception {
    start(defaultLikePolicy(null), settings().build(), createNote());
    String arguments = "{\"body\":{\"text\":\"hello\",\"password\":\"hunter2\"}}";

    ToolCallOutcome challenge = harness.call("create_note", arguments);
    assertThat(challenge.decision()).isEqualTo(Decision.CONFIRM);
    assertThat(challenge.reasonCode()).isEqualTo("confirmation_required");
    assertThat(challenge.isError()).isTrue();
    String id = challenge.challengeId();
    assertThat(id).matches("[0-9a-z]{12}");
    assertThat(challenge.text())
        .contains("POST " + upstream.baseUrl() + "/notes")
        .contains("\"text\":\"hello\"")
        .contains("[REDACTED]")
        .doesNotContain("hunter2")
        .contains("confirm " + id)
        .contains("\"_cask_confirmation\": \"" + id + "\"");
    assertThat(harness.call("create_note", arguments).challengeId()).as("asking again gives the same challenge").isEqualTo(id);

    String retry = "{\"body\":{\"text\":\"hello\",\"password\":\"hunter2\"},\"_cask_confirmation\":\"" + id + "\"}";
    assertThat(harness.call("create_note", retry).reasonCode()).isEqualTo("confirmation_pending");
    assertThat(upstream.count()).isZero();

    ConfirmationStore cli = ConfirmationStore.forAuditLog(harness.auditLog); // what `confirm <id>` opens
    assertThat(cli.describe(id).orElseThrow().summary()).contains("POST").doesNotContain("hunter2");
    cli.approve(id, ApprovalChannel.CLI);

    String changed = "{\"body\":{\"text\":\"goodbye\",\"password\":\"hunter2\"},\"_cask_confirmation\":\"" + id + "\"}";
    assertThat(harness.call("create_note", changed).reasonCode()).isEqualTo("confirmation_mismatch");
    ToolCallOutcome confirmed = harness.call("create_note", retry);
    assertThat(confirmed.reasonCode()).isEqualTo("ok");
    assertThat(upstream.count()).isEqualTo(1);
    assertThat(json(upstream.last().bodyText())).isEqualTo(json("{\"text\":\"hello\",\"password\":\"hunter2\"}"));
    assertThat(harness.call("create_note", retry).reasonCode()).isEqualTo("confirmation_replayed");
    assertThat(upstream.count()).isEqualTo(1);

    List<JsonNode> audit = harness.auditRecords();
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "confirmation_required", "confirmation_required", "confirmation_pending", "confirmation_mismatch", "sending",
        "ok", "confirmation_replayed");
    assertThat(audit.get(5).path("challenge").asText()).isEqualTo(id);
    // The call's intent was recorded before the request left; its outcome names it; both say who approved it.
    assertThat(audit.get(5).path("intent").asLong()).isEqualTo(audit.get(4).path("seq").asLong());
    assertThat(audit).extracting(r -> r.path("approvedVia").asText(null))
        .containsExactly(null, null, null, null, "cli", "cli", null);
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void confirmationsExpire() {
    ConfirmationStoreClock clock = new ConfirmationStoreClock();
    start(defaultLikePolicy(null), settings().clock(clock).confirmationTtl(Duration.ofMinutes(5)).build(), createNote());
    String arguments = "{\"body\":{\"text\":\"x\"}}";
    String id = harness.call("create_note", arguments).challengeId();
    assertThat(harness.pipeline.answerConfirmation("s", id, ConfirmationAnswer.APPROVED).reasonCode())
        .isEqualTo("confirmation_approved");
    clock.advance(Duration.ofMinutes(5));
    ToolCallOutcome late = harness.pipeline.call(new ToolCall("s", "create_note", json(arguments), false, id));
    assertThat(late.reasonCode()).isEqualTo("confirmation_expired");
    assertThat(upstream.count()).isZero();
  }

  @Test
  void pendingConfirmationsSurviveARestartAndCannotBeReplayedAfterOne() {
    Tool note = createNote();
    start(defaultLikePolicy(null), settings().build(), note);
    String arguments = "{\"body\":{\"text\":\"x\"}}";
    String id = harness.call("create_note", arguments).challengeId();
    harness.close();

    ConfirmationStore.forAuditLog(dir.resolve("audit.jsonl")).approve(id, ApprovalChannel.CLI); // approved while the server is down
    start(defaultLikePolicy(null), settings().build(), note);
    ToolCall confirmed = new ToolCall("s2", "create_note", json(arguments), false, id);
    assertThat(harness.pipeline.call(confirmed).reasonCode()).isEqualTo("ok");
    harness.close();

    start(defaultLikePolicy(null), settings().build(), note);
    assertThat(harness.pipeline.call(confirmed).reasonCode()).isEqualTo("confirmation_replayed");
    assertThat(upstream.count()).isEqualTo(1);
    assertThat(harness.verifyAudit().records()).as("challenge, intent, outcome, replay").isEqualTo(4);
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void anApprovalInTheClientRunsExactlyThatCallOnceAndIsAudited() throws Exception {
    start(defaultLikePolicy(null), settings().build(), createNote());
    String arguments = "{\"body\":{\"text\":\"x\"}}";
    ToolCallOutcome challenge = harness.call("create_note", arguments);
    var prompt = harness.pipeline.describeConfirmation(challenge.challengeId()).orElseThrow();
    assertThat(prompt.tool()).isEqualTo("create_note");
    assertThat(prompt.summary()).startsWith("POST ");

    ToolCallOutcome approved = harness.pipeline.answerConfirmation("session-1", challenge.challengeId(), ConfirmationAnswer.APPROVED);
    assertThat(approved.decision()).isEqualTo(Decision.CONFIRM);
    assertThat(approved.reasonCode()).isEqualTo("confirmation_approved");
    assertThat(harness.pipeline.describeConfirmation(challenge.challengeId())).as("approved: nothing left to ask").isEmpty();
    // The approval is bound to the arguments: other arguments cannot use it, the same ones run once.
    ToolCall other = new ToolCall("session-1", "create_note", json("{\"body\":{\"text\":\"y\"}}"), false, challenge.challengeId());
    assertThat(harness.pipeline.call(other).reasonCode()).isEqualTo("confirmation_mismatch");
    ToolCall same = new ToolCall("session-1", "create_note", json(arguments), false, challenge.challengeId());
    assertThat(harness.pipeline.call(same).reasonCode()).isEqualTo("ok");
    assertThat(harness.pipeline.call(same).reasonCode()).isEqualTo("confirmation_replayed");
    assertThat(upstream.count()).isEqualTo(1);

    List<JsonNode> audit = harness.auditRecords();
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "confirmation_required", "confirmation_approved", "confirmation_mismatch", "sending", "ok",
        "confirmation_replayed");
    assertThat(audit).extracting(r -> r.path("approvedVia").asText(null))
        .containsExactly(null, "elicitation", null, "elicitation", "elicitation", null);
    JsonNode answer = audit.get(1);
    assertThat(answer.path("decision").asText()).isEqualTo("confirm");
    assertThat(answer.path("session").asText()).isEqualTo("session-1");
    assertThat(answer.path("tool").asText()).isEqualTo("create_note");
    assertThat(answer.path("challenge").asText()).isEqualTo(challenge.challengeId());
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void aDeclineInTheClientVoidsTheChallengeEvenForTheOutOfBandConfirm() throws Exception {
    start(defaultLikePolicy(null), settings().build(), createNote());
    String arguments = "{\"body\":{\"text\":\"x\"}}";
    String id = harness.call("create_note", arguments).challengeId();

    ToolCallOutcome declined = harness.pipeline.answerConfirmation("session-1", id, ConfirmationAnswer.DECLINED);
    assertThat(declined.decision()).isEqualTo(Decision.DENY);
    assertThat(declined.reasonCode()).isEqualTo("confirmation_declined");
    assertThat(declined.isError()).isTrue();
    assertThat(harness.pipeline.describeConfirmation(id)).isEmpty();
    assertThat(ConfirmationStore.forAuditLog(harness.auditLog).approve(id, ApprovalChannel.CLI))
        .isEqualTo(dev.cask.runtime.server.confirm.ApprovalResult.ALREADY_DECLINED);
    ToolCall redeem = new ToolCall("session-1", "create_note", json(arguments), false, id);
    assertThat(harness.pipeline.call(redeem).reasonCode()).isEqualTo("confirmation_declined");
    // Asking again gets a new challenge, not the declined one.
    ToolCallOutcome again = harness.call("create_note", arguments);
    assertThat(again.reasonCode()).isEqualTo("confirmation_required");
    assertThat(again.challengeId()).isNotEqualTo(id);
    assertThat(upstream.count()).isZero();
    assertThat(harness.auditRecords()).extracting(r -> r.path("reason").asText()).containsExactly(
        "confirmation_required", "confirmation_declined", "confirmation_declined", "confirmation_required");
  }

  @Test
  void noAnswerInTheClientLeavesTheChallengeWaitingForConfirm() throws Exception {
    start(defaultLikePolicy(null), settings().build(), createNote());
    String arguments = "{\"body\":{\"text\":\"x\"}}";
    String id = harness.call("create_note", arguments).challengeId();

    ToolCallOutcome unanswered = harness.pipeline.answerConfirmation("session-1", id, ConfirmationAnswer.UNANSWERED);
    assertThat(unanswered.decision()).isEqualTo(Decision.CONFIRM);
    assertThat(unanswered.reasonCode()).isEqualTo("confirmation_unanswered");
    assertThat(unanswered.challengeId()).isEqualTo(id);
    assertThat(unanswered.text()).contains("confirm " + id);
    assertThat(harness.pipeline.describeConfirmation(id)).isPresent();
    assertThat(harness.lastAudit().path("reason").asText()).isEqualTo("confirmation_unanswered");

    // Answers about challenges that do not exist are refused (and audited) too.
    assertThat(harness.pipeline.answerConfirmation("session-1", "zzzzzzzzzzzz", ConfirmationAnswer.APPROVED).reasonCode())
        .isEqualTo("confirmation_invalid");
    assertThat(harness.pipeline.answerConfirmation("session-1", "../../etc", ConfirmationAnswer.APPROVED).reasonCode())
        .isEqualTo("confirmation_invalid");
    assertThat(harness.auditRecords()).hasSize(4);
    assertThat(harness.lastAudit().path("challenge").isNull()).as("a malformed id is not written").isTrue();
  }

  @Test
  void requestsThatAreNotReadableCallsAreRefusedAndAudited() throws Exception {
    start(defaultLikePolicy(null), settings().build(), getItem());
    ToolCallOutcome refused = harness.pipeline.refuse("session-9", "", "a tools/call needs params.name");
    assertThat(refused.decision()).isEqualTo(Decision.DENY);
    assertThat(refused.reasonCode()).isEqualTo("invalid_request");
    assertThat(refused.isError()).isTrue();
    JsonNode record = harness.lastAudit();
    assertThat(record.path("decision").asText()).isEqualTo("deny");
    assertThat(record.path("reason").asText()).isEqualTo("invalid_request");
    assertThat(record.path("session").asText()).isEqualTo("session-9");
    assertThat(record.path("tool").asText()).isEmpty();
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void dryRunsShowTheExactRedactedRequestAndSendNothing() throws Exception {
    Path config = dir.resolve("upstream.yaml");
    String hostKey = "127.0.0.1:" + upstream.port();
    Files.writeString(config, "formatVersion: 1\nhosts:\n  \"" + hostKey + "\":\n    bearer: {env: NOTES_TOKEN}\n    allowHttp: true\n");
    UpstreamConfig credentials = UpstreamConfig.load(config, Map.of("NOTES_TOKEN", "s3cr3t-token"));
    start(defaultLikePolicy(null), settings().credentials(credentials).build(), createNote(), getItem());

    ToolCallOutcome dry = harness.pipeline.call(
        new ToolCall("s", "create_note", json("{\"body\":{\"text\":\"hi\",\"password\":\"pw\"}}"), true));
    assertThat(dry.reasonCode()).isEqualTo("dry_run");
    assertThat(dry.decision()).isEqualTo(Decision.CONFIRM);
    assertThat(dry.text())
        .contains("POST " + upstream.baseUrl() + "/notes")
        .contains("Authorization: [operator credential: bearer]")
        .contains("Content-Type: application/json")
        .contains("\"text\":\"hi\"")
        .doesNotContain("s3cr3t-token")
        .doesNotContain("\"pw\"");
    assertThat(harness.call("get_item", "{\"id\":\"1\",\"_cask_dry_run\":true}").decision()).isEqualTo(Decision.ALLOW);
    assertThat(upstream.count()).isZero();
    assertThat(harness.lastAudit().path("dryRun").asBoolean()).isTrue();

    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(Files.readString(harness.auditLog)).doesNotContain("s3cr3t");
  }

  @Test
  void serverWideDryRun() {
    start(TestPipelines.allowAll(), settings().dryRun(true).build(), getItem());
    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("dry_run");
    assertThat(upstream.count()).isZero();
  }

  @Test
  void upstreamErrorsRedirectsAndOutputSchemas() {
    Tool withOutput = ToolFixtures.tool("get_user").baseUrl(upstream.baseUrl()).path("/users/{id}")
        .param("id", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .output("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}").build();
    upstream.on("/users/good", request -> Reply.json(200, "{\"name\":\"Ada\",\"secretKey\":\"k\"}"));
    upstream.on("/users/bad", request -> Reply.json(200, "{\"nom\":\"Ada\"}"));
    upstream.on("/users/gone", request -> Reply.json(404, "{\"error\":\"not found\"}"));
    upstream.on("/users/moved", request -> Reply.redirect(302, "/users/good"));
    start(TestPipelines.allowAll(), settings().build(), withOutput);

    ToolCallOutcome good = harness.call("get_user", "{\"id\":\"good\"}");
    assertThat(good.structuredContent()).isEqualTo(json("{\"name\":\"Ada\",\"secretKey\":\"[REDACTED]\"}"));
    ToolCallOutcome bad = harness.call("get_user", "{\"id\":\"bad\"}");
    assertThat(bad.reasonCode()).isEqualTo("output_schema_mismatch");
    assertThat(bad.isError()).isTrue();
    assertThat(bad.structuredContent()).isNull();
    ToolCallOutcome gone = harness.call("get_user", "{\"id\":\"gone\"}");
    assertThat(gone.reasonCode()).isEqualTo("upstream_error");
    assertThat(gone.decision()).isEqualTo(Decision.ALLOW);
    assertThat(gone.text()).contains("HTTP 404").contains("not found");
    ToolCallOutcome moved = harness.call("get_user", "{\"id\":\"moved\"}");
    assertThat(moved.reasonCode()).isEqualTo("upstream_redirect");
    assertThat(upstream.count()).isEqualTo(4);
  }

  /**
   * The slow upstream never answers while the call waits (it is held until the test ends), so the call times out on
   * any machine, however slow: the outcome does not depend on how long anything takes.
   */
  @Test
  void oversizedResponsesAndSlowUpstreamsAreCutOff() throws Exception {
    byte[] big = new byte[300_000];
    java.util.Arrays.fill(big, (byte) 'a');
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    upstream.on("/items/big", request -> new Reply(200, Map.of("Content-Type", "text/plain"), big));
    upstream.on("/items/slow", request -> {
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Reply.json(200, "{}");
    });
    UpstreamSettings tight = new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 100_000, 0);
    start(TestPipelines.allowAll(), settings().upstream(tight).build(), getItem());
    try {
      assertThat(harness.call("get_item", "{\"id\":\"big\"}").reasonCode()).isEqualTo("upstream_response_too_large");
      ToolCallOutcome slow = harness.call("get_item", "{\"id\":\"slow\"}");
      assertThat(held.getCount()).as("the request reached the upstream, which was still holding it").isZero();
      assertThat(release.getCount()).isOne();
      assertThat(slow.reasonCode()).isEqualTo("upstream_timeout");
    } finally {
      release.countDown();
    }
    assertThat(harness.call("get_item", "{\"id\":\"fine\"}").reasonCode()).isEqualTo("ok");
  }

  @Test
  void redactionFailuresWithholdTheResponseAndOtherFailuresAreInternalErrors() throws Exception {
    OutputRedactor failing = new OutputRedactor() {
      @Override
      public String redactBody(String mediaType, String body) {
        throw new IllegalStateException("engine broken");
      }

      @Override
      public String redactValue(String name, String value) {
        throw new IllegalStateException("engine broken");
      }
    };
    upstream.on("/items/", request -> Reply.json(200, "{\"secret\":\"s\"}"));
    start(TestPipelines.allowAll(),
        PipelineSettings.builder(dir.resolve("audit.jsonl"), failing).allowNetworks(List.of("127.0.0.1/32")).build(), getItem());
    ToolCallOutcome withheld = harness.call("get_item", "{\"id\":\"1\"}");
    assertThat(withheld.reasonCode()).isEqualTo("redaction_failed");
    assertThat(withheld.text()).doesNotContain("\"s\"");
    ToolCallOutcome internal = harness.call("get_item", "{\"id\":\"1\",\"verbose\":true,\"_cask_dry_run\":true}");
    assertThat(internal.reasonCode()).isEqualTo("error_internal");
    assertThat(internal.decision()).isEqualTo(Decision.DENY);
    assertThat(internal.text()).doesNotContain("engine broken");
    assertThat(harness.lastAudit().path("reason").asText()).isEqualTo("error_internal");
  }

  @Test
  void whenTheAuditLogCannotBeWrittenNoCallRuns() throws Exception {
    start(TestPipelines.allowAll(), settings().build(), getItem()); // an empty log, closed cleanly
    harness.close();
    Path log = dir.resolve("audit.jsonl");
    Files.delete(log);
    Files.createSymbolicLink(log, Path.of("/dev/full")); // every write fails
    start(TestPipelines.allowAll(), settings().build(), getItem());
    ToolCallOutcome first = harness.call("get_item", "{\"id\":\"1\"}");
    assertThat(first.reasonCode()).isEqualTo("audit_unavailable");
    assertThat(first.decision()).isEqualTo(Decision.DENY);
    assertThat(upstream.count()).as("without its intent on record, the request does not leave").isZero();
    assertThat(harness.call("get_item", "{\"id\":\"1\"}").reasonCode()).isEqualTo("audit_unavailable");
    assertThat(upstream.count()).as("nothing is sent once the log is broken").isZero();
  }

  @Test
  void advertisedSchemasCarryTheReservedArgumentsButValidationUsesTheApprovedOne() {
    Tool item = getItem();
    start(TestPipelines.allowAll(), settings().build(), item);
    JsonNode advertised = harness.pipeline.advertisedInputSchema(item.definition());
    assertThat(advertised.path("properties").has("_cask_confirmation")).isTrue();
    assertThat(advertised.path("properties").has("_cask_dry_run")).isTrue();
    assertThat(advertised.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(item.definition().inputSchema().path("properties").has("_cask_confirmation")).isFalse();
    assertThat(harness.pipeline.listTools()).extracting(d -> d.name()).containsExactly("get_item");
  }

  @Test
  void theRequestBodyReachesTheUpstreamByteForByte() {
    Tool form = ToolFixtures.tool("submit").method(HttpMethod.POST).baseUrl(upstream.baseUrl()).path("/forms")
        .body("application/x-www-form-urlencoded", "{\"type\":\"object\",\"additionalProperties\":true}", true).build();
    start(TestPipelines.allowAll(), settings().build(), form);
    assertThat(harness.call("submit", "{\"body\":{\"q\":\"a&b\",\"n\":[1,2]}}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.last().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo("q=a%26b&n=1&n=2");
    assertThat(upstream.last().header("Cookie")).isNull();
    assertThat(upstream.last().header("User-Agent")).isEqualTo("cask-runtime");
  }

  /** A clock the test moves. */
  static final class ConfirmationStoreClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-03-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
