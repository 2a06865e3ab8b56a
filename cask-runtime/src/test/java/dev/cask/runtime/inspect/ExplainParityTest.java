package dev.cask.runtime.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import dev.cask.runtime.server.testing.ToolFixtures;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.TrustAnchors;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain_call} against the serving pipeline, in one process: for a run of calls covering every decision (allow,
 * deny by policy, deny by schema, confirm, rate limited, budget exhausted, unknown tool), the explanation given just
 * before each call is exactly what the server then decides; and explaining changes nothing (no audit record, nothing
 * counted: the same explanation twice in a row is the same, and the server's counters are untouched).
 */
public class ExplainParityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EchoUpstream upstream;
  private GovernedPipeline serving;
  private CallExplainer explainer;
  private Path auditLog;

  /** What serve decides for {@link #calls()}, in order (tool decision/reason); explain_call must say the same. */
  public static final List<String> DECISIONS = List.of(
      "get_repo allow/sending",
      "list_things_0000 allow/sending",
      "list_things_0000 allow/sending",
      "list_things_0000 deny/rate_limited",
      "list_things_0002 allow/sending",
      "list_things_0002 deny/budget_exhausted",
      "create_issue confirm/confirmation_required",
      "list_things_0001 deny/policy_deny",
      "get_repo deny/invalid_arguments",
      "get_repo deny/invalid_arguments",
      "delete_everything deny/unknown_tool");

  /** Reads run, writes are confirmed, list_things_0001 is denied by a rule, 0000 has a rate limit, 0002 a budget. */
  public static Policy policy() {
    TreeMap<String, Limit> tools = new TreeMap<>();
    tools.put("list_things_0000", new Limit(2, 3600));
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(
        new PolicyRule("budget-thing-2", 300, Effect.BUDGET, new Match(List.of("list_things_0002"), null, null, null,
            null, null), new Limit(1, 3600), "one call of thing 2 an hour"),
        new PolicyRule("deny-thing-1", 200, Effect.DENY, new Match(List.of("list_things_0001"), null, null, null, null,
            null), null, "thing 1 is off limits"),
        new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
        new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null, "a person approves each write")),
        new RateLimits(null, new TreeMap<>(), tools));
  }

  /** The calls, in order: each covers a decision (some only because of the calls before it). */
  public static List<JsonNode> calls() throws Exception {
    return List.of(
        JSON.readTree("{\"tool\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello\"}}"),
        JSON.readTree("{\"tool\":\"list_things_0000\",\"arguments\":{\"owner\":\"a\"}}"),
        JSON.readTree("{\"tool\":\"list_things_0000\",\"arguments\":{\"owner\":\"b\"}}"),
        JSON.readTree("{\"tool\":\"list_things_0000\",\"arguments\":{\"owner\":\"c\"}}"),
        JSON.readTree("{\"tool\":\"list_things_0002\",\"arguments\":{\"owner\":\"a\"}}"),
        JSON.readTree("{\"tool\":\"list_things_0002\",\"arguments\":{\"owner\":\"a\"}}"),
        JSON.readTree("{\"tool\":\"create_issue\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\",\"body\":{\"title\":\"t\"}}}"),
        JSON.readTree("{\"tool\":\"list_things_0001\",\"arguments\":{\"owner\":\"a\"}}"),
        JSON.readTree("{\"tool\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello\",\"admin\":true}}"),
        JSON.readTree("{\"tool\":\"get_repo\",\"arguments\":{\"owner\":\"octo\"}}"),
        JSON.readTree("{\"tool\":\"delete_everything\",\"arguments\":{\"owner\":\"octo\"}}"));
  }

  public static VerifiedToolpack verify(SignedToolpacks.Signed signed) {
    return new Verifier(Clock.systemUTC(), VerificationSettings.defaults()).verify(new VerificationInput(
        signed.toolpack(), FileSource.read(signed.lockfile(), "cask.lock.yaml"),
        FileSource.read(signed.signers(), "cask.signers.yaml"), null, Baseline.none(), TrustAnchors.none()))
        .requireVerified();
  }

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "parity", TestToolpacks.tools(upstream.baseUrl(), 3), policy());
    VerifiedToolpack verified = verify(signed);
    auditLog = signed.auditLog();
    PipelineSettings settings = PipelineSettings.builder(auditLog).allowNetworks(List.of("127.0.0.0/8")).build();
    serving = GovernedPipeline.start(ApprovedTools.verified(verified), settings);
    explainer = new CallExplainer(ApprovedTools.verified(verified), settings, false, auditLog, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    explainer.close();
    serving.close();
    upstream.close();
  }

  @Test
  void everyExplanationIsWhatTheServerThenDecides() throws Exception {
    List<String> explained = new ArrayList<>();
    List<String> served = new ArrayList<>();
    for (JsonNode call : calls()) {
      String tool = call.get("tool").asText();
      ObjectNode explanation = explainer.explain(tool, call.get("arguments"));
      ObjectNode again = explainer.explain(tool, call.get("arguments"));
      // retry_after_ms counts down between the two; everything else is the same: nothing was counted or recorded
      JsonNode first = explanation.deepCopy().without(List.of("retry_after_ms", "text"));
      JsonNode second = again.deepCopy().without(List.of("retry_after_ms", "text"));
      assertThat(second).as("explaining twice changes nothing").isEqualTo(first);
      ToolCallOutcome outcome = serving.call(new ToolCall("agent", tool, call.get("arguments").deepCopy(), false));
      explained.add(tool + " " + explanation.get("decision").asText() + "/" + explanation.get("reason").asText());
      String reason = outcome.reasonCode().equals("ok") && explanation.get("reason").asText().equals("sending")
          ? "sending" : outcome.reasonCode();
      served.add(tool + " " + outcome.decision().wireName() + "/" + reason);
    }
    assertThat(explained).isEqualTo(served);
    assertThat(served).containsExactlyElementsOf(DECISIONS);
    assertThat(upstream.requests()).isEqualTo(4);
    // The server wrote its own records only: 4 sent calls (intent and outcome) and 7 other decisions.
    assertThat(Files.readAllLines(auditLog)).hasSize(4 * 2 + 7);
  }

  @Test
  void anExplanationNamesTheRuleAndTheRequestAndSendsNothing() {
    ObjectNode denied = explainer.explain("list_things_0001", JSON.createObjectNode().put("owner", "a"));
    assertThat(denied.get("rule").asText()).isEqualTo("deny-thing-1");
    assertThat(denied.get("sends").asBoolean()).isFalse();
    ObjectNode allowed = explainer.explain("get_repo", JSON.createObjectNode().put("owner", "a").put("repo", "b"));
    assertThat(allowed.get("sends").asBoolean()).isTrue();
    assertThat(allowed.get("text").asText()).contains("GET " + upstream.baseUrl() + "/repos/a/b");
    assertThat(upstream.requests()).isZero();
    assertThat(auditLog).isEmptyFile();
  }

  /**
   * A WebMCP tool: {@code serve} without {@code --browser} denies it {@code browser_unavailable}, and so does the
   * explanation unless {@code inspect} is told that serve runs with {@code --browser}; explaining never opens a browser.
   */
  @Test
  void aWebMcpToolIsExplainedAsServeWithOrWithoutABrowserDecides() {
    ToolDefinition page = new ToolDefinition("search_todos", "Search the to-do list.", HttpMethod.WEBMCP,
        "http://127.0.0.1:9", "/tools.html#search_todos", ToolFixtures.json(
            "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"],"
                + "\"additionalProperties\":false}"),
        null, new Risk(RiskTier.READ, List.of("WebMCP tool declares readOnlyHint")),
        new ToolAnnotations("Search to-dos", true, false, false, true),
        new RequestBinding(List.of(), null), List.of(), false);
    Path webmcp = dir.resolve("webmcp");
    SignedToolpacks.Signed signed = SignedToolpacks.write(webmcp, "webmcp",
        List.of(new Tool(CanonicalJson.digest(page), page, null)), policy());
    ApprovedTools approved = ApprovedTools.verified(verify(signed));
    PipelineSettings settings = PipelineSettings.builder(signed.auditLog()).allowNetworks(List.of("127.0.0.0/8")).build();
    ObjectNode arguments = JSON.createObjectNode().put("query", "milk");
    try (GovernedPipeline withoutBrowser = GovernedPipeline.start(approved, settings);
        CallExplainer asWithout = new CallExplainer(approved, settings, false, signed.auditLog(), Clock.systemUTC());
        CallExplainer asWith = new CallExplainer(approved, settings, true, signed.auditLog(), Clock.systemUTC())) {
      ObjectNode unavailable = asWithout.explain("search_todos", arguments);
      ObjectNode available = asWith.explain("search_todos", arguments);
      ToolCallOutcome served = withoutBrowser.call(new ToolCall("agent", "search_todos", arguments.deepCopy(), false));
      assertThat(served.reasonCode()).isEqualTo("browser_unavailable");
      assertThat(unavailable.get("decision").asText() + "/" + unavailable.get("reason").asText())
          .isEqualTo("deny/browser_unavailable");
      assertThat(available.get("decision").asText() + "/" + available.get("reason").asText()).isEqualTo("allow/sending");
      assertThat(available.get("sends").asBoolean()).isTrue();
    }
  }
}
