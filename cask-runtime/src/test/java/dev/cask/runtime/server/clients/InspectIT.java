package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.inspect.ExplainParityTest;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar cask-runtime.jar inspect} beside {@code serve} on the same toolpack and audit log, each driven by the
 * official TypeScript SDK client: for calls covering every decision (allow, deny by policy, deny by the input schema,
 * confirm, rate limited, budget exhausted, unknown tool), {@code explain_call} answers exactly what {@code serve} then
 * decides; the read-only tools answer, and inspecting writes nothing and sends nothing. The MCP Inspector CLI lists and
 * calls the inspect server too.
 */
class InspectIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private EchoUpstream upstream;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    signed = SignedToolpacks.write(dir, "test-api", TestToolpacks.tools(upstream.baseUrl(), 3), ExplainParityTest.policy());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private List<String> inspectArgs(String... more) {
    List<String> args = new ArrayList<>(List.of("inspect", "--toolpack", signed.toolpack().toString(), "--lockfile",
        signed.lockfile().toString(), "--signers", signed.signers().toString(), "--trust-anchor", signed.signersDigest(),
        "--audit-log", signed.auditLog().toString(), "--allow-network", "127.0.0.0/8"));
    args.addAll(List.of(more));
    return Processes.productionJar(args.toArray(String[]::new));
  }

  private static ObjectNode target(List<String> command) {
    ObjectNode target = JSON.createObjectNode().put("command", command.get(0));
    target.set("args", JSON.valueToTree(command.subList(1, command.size())));
    return target;
  }

  /** Runs the calls against serve and inspect, both given these further options; the script's summary. */
  private JsonNode parity(String... options) throws Exception {
    List<String> serve = SignedToolpacks.serveArgs(signed);
    serve.addAll(List.of(options));
    ObjectNode config = JSON.createObjectNode();
    config.set("serve", target(Processes.productionJar(serve.toArray(String[]::new))));
    config.set("inspect", target(inspectArgs(options)));
    config.set("calls", JSON.valueToTree(ExplainParityTest.calls()));
    Processes.Result result = Processes.run(List.of(Processes.node().toString(),
        Processes.script("inspect-parity.mjs").toString(), JSON.writeValueAsString(config)), Map.of(), 240);
    assertThat(result.exitCode()).as("inspect-parity stderr:\n%s", result.stderr()).isZero();
    return JSON.readTree(result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  /** Each call as "tool decision/reason", explained (first) and served (second). */
  private static List<List<String>> decisions(JsonNode summary) {
    List<String> explained = new ArrayList<>();
    List<String> served = new ArrayList<>();
    for (JsonNode row : summary.get("results")) {
      String tool = row.get("tool").asText();
      String explainedReason = row.at("/explained/reason").asText();
      String servedReason = row.at("/served/reason").asText();
      explained.add(tool + " " + row.at("/explained/decision").asText() + "/" + explainedReason);
      // A call the pipeline lets through is "sending" before it leaves; its outcome (ok) is the upstream's answer.
      served.add(tool + " " + row.at("/served/decision").asText() + "/"
          + (explainedReason.equals("sending") && servedReason.equals("ok") ? "sending" : servedReason));
    }
    return List.of(explained, served);
  }

  @Test
  void explainCallAnswersWhatServeThenDecides() throws Exception {
    JsonNode summary = parity();
    List<List<String>> decisions = decisions(summary);
    List<String> served = decisions.get(1);
    assertThat(decisions.get(0)).isEqualTo(served);
    assertThat(served).containsExactlyElementsOf(ExplainParityTest.DECISIONS);
    assertThat(summary.at("/results/7/explained/rule").asText()).isEqualTo("deny-thing-1");

    assertThat(summary.get("inspectTools")).extracting(t -> t.get("name").asText()).containsExactly(
        "explain_call", "list_approved_tools", "pending_confirmations", "pending_proposals", "recent_denials",
        "risk_summary");
    assertThat(summary.get("inspectTools")).allSatisfy(t -> assertThat(t.get("readOnly").asBoolean()).isTrue());
    JsonNode approved = summary.at("/approved/tools");
    assertThat(approved).extracting(t -> t.get("name").asText())
        .containsExactly("create_issue", "get_repo", "list_things_0000", "list_things_0001", "list_things_0002");
    assertThat(approved.get(0).at("/policy/effect").asText()).isEqualTo("confirm");
    assertThat(approved.get(3).at("/policy/effect").asText()).isEqualTo("deny");
    assertThat(approved.get(3).at("/policy/rule").asText()).isEqualTo("deny-thing-1");
    assertThat(approved.get(2).at("/limits/0/counter").asText()).isEqualTo("tool:list_things_0000");
    assertThat(summary.at("/confirmations/confirmations")).hasSize(1);
    assertThat(summary.at("/confirmations/confirmations/0/tool").asText()).isEqualTo("create_issue");
    assertThat(summary.at("/denials/total").asInt()).isEqualTo(6);
    assertThat(summary.at("/denials/denials/0/reason").asText()).isEqualTo("unknown_tool");
    assertThat(summary.at("/denials/denials/0/tool").asText()).isEqualTo("delete_everything");
    assertThat(summary.at("/risk/byTier/read/tools").asInt()).isEqualTo(4);
    assertThat(summary.at("/risk/byTier/write/confirm").asInt()).isEqualTo(1);
    assertThat(summary.at("/risk/pendingConfirmations").asInt()).isEqualTo(1);
    assertThat(summary.at("/risk/denials/byReason/rate_limited").asInt()).isEqualTo(1);
    assertThat(summary.at("/badLimit/isError").asBoolean()).isTrue();

    // Only serve's calls reached the upstream and only serve wrote the log: 4 sent calls (intent and outcome), 7 others.
    assertThat(upstream.requests()).isEqualTo(4);
    assertThat(Files.readAllLines(signed.auditLog())).hasSize(4 * 2 + 7);
  }

  /** serve --tools: the tools outside the selection do not exist for serve, and inspect given the same says so. */
  @Test
  void explainCallFollowsServesToolSelection() throws Exception {
    JsonNode summary = parity("--tools", "get_repo,list_things_0000");
    List<List<String>> decisions = decisions(summary);
    List<String> served = decisions.get(1);
    assertThat(decisions.get(0)).isEqualTo(served);
    assertThat(served).containsExactly(
        "get_repo allow/sending",
        "list_things_0000 allow/sending",
        "list_things_0000 allow/sending",
        "list_things_0000 deny/rate_limited",
        "list_things_0002 deny/unknown_tool",
        "list_things_0002 deny/unknown_tool",
        "create_issue deny/unknown_tool",
        "list_things_0001 deny/unknown_tool",
        "get_repo deny/invalid_arguments",
        "get_repo deny/invalid_arguments",
        "delete_everything deny/unknown_tool");
    assertThat(summary.at("/approved/tools")).extracting(t -> t.get("name").asText())
        .containsExactly("get_repo", "list_things_0000");
    assertThat(upstream.requests()).isEqualTo(3);
  }

  @Test
  void theInspectorCliListsAndCallsTheInspectServer() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Processes.node().toString());
    command.add(Processes.npmDir().resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString());
    command.add("--cli");
    command.addAll(inspectArgs());
    List<String> list = new ArrayList<>(command);
    list.addAll(List.of("--method", "tools/list"));
    Processes.Result listed = Processes.run(list, Map.of("MCP_CATALOG_PATH", dir.resolve("mcp.json").toString()), 120);
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    assertThat(JSON.readTree(listed.stdout()).get("tools")).hasSize(6);

    List<String> call = new ArrayList<>(command);
    call.addAll(List.of("--method", "tools/call", "--tool-name", "explain_call", "--tool-arg", "tool=list_things_0001",
        "arguments={\"owner\":\"a\"}"));
    Processes.Result explained = Processes.run(call, Map.of("MCP_CATALOG_PATH", dir.resolve("mcp.json").toString()), 120);
    assertThat(explained.exitCode()).as(explained.stderr()).isZero();
    JsonNode answer = JSON.readTree(JSON.readTree(explained.stdout()).at("/content/0/text").asText());
    assertThat(answer.get("decision").asText()).isEqualTo("deny");
    assertThat(answer.get("reason").asText()).isEqualTo("policy_deny");
    assertThat(answer.get("rule").asText()).isEqualTo("deny-thing-1");
    assertThat(upstream.requests()).isZero();
    assertThat(signed.auditLog()).doesNotExist();
  }
}
