package dev.cask.runtime.server.transport;

import dev.cask.runtime.server.confirm.ApprovalChannel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.confirm.ApprovalResult;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio transport in-process, in front of the real enforcement pipeline: what the core receives, that every
 * {@code tools/call} (unknown tools and unreadable ones included) is decided and audited by the core, confirmations
 * in the client (MCP elicitation), many calls in flight, and that serving ends with the input.
 */
class StdioTransportTest {
  private static final String ELICITATION = "{\"elicitation\":{}}";
  private static final String WRITE_ARGS = "{\"owner\":\"octo\",\"repo\":\"hello\",\"body\":{\"title\":\"Found a bug\"}}";

  @TempDir Path dir;
  private EchoUpstream upstream;
  private GovernedPipeline pipeline;

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
  }

  @AfterEach
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    upstream.close();
  }

  private Path auditLog() {
    return dir.resolve("audit.jsonl");
  }

  /**
   * The real pipeline over get_repo and create_issue only: reads run, writes need a person, who may answer in the
   * client ({@code serve --elicitation}).
   */
  private GovernedServer server() {
    List<Tool> tools = TestToolpacks.tools(upstream.baseUrl(), 0);
    pipeline = GovernedPipeline.start(
        TestPipelines.approved(SignedToolpacks.confirmWrites(), tools.toArray(Tool[]::new)),
        PipelineSettings.builder(auditLog()).allowNetworks(List.of("127.0.0.1/32")).build());
    return GovernedServer.of(pipeline, "test-api", "1.0").withElicitation();
  }

  private List<JsonNode> audit() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog())) {
      records.add(StdioPeer.json(line));
    }
    return records;
  }

  @Test
  void callsReachTheCoreWithSessionArgumentsAndDryRunAndServingEndsWithInput() throws Exception {
    List<ToolCall> calls = new CopyOnWriteArrayList<>();
    GovernedTools recording = new Recording(server(), calls);
    try (StdioPeer peer = new StdioPeer(GovernedServer.of(recording, "t", "1")).initialize("{}")) {
      JsonNode dryRun = peer.request("tools/call", "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\","
          + "\"extra\":1},\"_meta\":{\"dev.cask/dryRun\":true}}").join();
      JsonNode noArguments = peer.request("tools/call", "{\"name\":\"get_repo\"}").join();
      JsonNode dry = peer.request("tools/call", "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r\"},"
          + "\"_meta\":{\"dev.cask/dryRun\":true}}").join();

      assertThat(dryRun.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("invalid_arguments");
      assertThat(noArguments.at("/result/isError").asBoolean()).isTrue();
      assertThat(dry.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("dry_run");
      assertThat(dry.at("/result/content/0/text").asText()).contains("GET " + upstream.baseUrl() + "/repos/o/r");
    }
    assertThat(calls).hasSize(3);
    // Undeclared arguments reach the core untouched (the core rejects them; the transport never filters).
    assertThat(calls.get(0).arguments().has("extra")).isTrue();
    assertThat(calls.get(0).dryRun()).isTrue();
    assertThat(calls.get(0).sessionId()).isNotBlank();
    assertThat(calls.get(1).arguments()).isNull();
    assertThat(calls.get(1).dryRun()).isFalse();
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void unknownToolsAndUnreadableCallsAreDeniedByTheCoreAndAuditedWithoutTellingWhichToolsExist() throws Exception {
    // Only get_repo is approved here: create_issue exists in the API but not for the agent.
    List<Tool> tools = TestToolpacks.tools(upstream.baseUrl(), 0);
    pipeline = GovernedPipeline.start(TestPipelines.approved(SignedToolpacks.confirmWrites(), tools.get(0)),
        PipelineSettings.builder(auditLog()).allowNetworks(List.of("127.0.0.1/32")).build());
    try (StdioPeer peer = new StdioPeer(GovernedServer.of(pipeline, "test-api", "1.0")).initialize("{}")) {
      JsonNode unapproved = peer.call("create_issue", WRITE_ARGS);
      JsonNode unknown = peer.call("delete_everything", WRITE_ARGS);
      JsonNode noName = peer.request("tools/call", "{\"arguments\":{}}").join();
      JsonNode numberName = peer.request("tools/call", "{\"name\":42}").join();
      JsonNode arrayParams = peer.request("tools/call", "[\"get_repo\"]").join();
      JsonNode noParams = peer.request("tools/call", null).join();
      peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\"}}"); // no id
      JsonNode ping = peer.request("ping", null).join(); // after the notification: it was handled first

      for (JsonNode answer : List.of(unapproved, unknown)) {
        assertThat(answer.has("error")).as("a tool result, not a protocol error: %s", answer).isFalse();
        assertThat(answer.at("/result/isError").asBoolean()).isTrue();
        assertThat(answer.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("unknown_tool");
        assertThat(answer.at("/result/_meta/dev.cask~1decision").asText()).isEqualTo("deny");
      }
      // The same answer whether the tool exists unapproved or not at all (only the echoed name differs).
      assertThat(unapproved.at("/result/content/0/text").asText().replace("create_issue", "X"))
          .isEqualTo(unknown.at("/result/content/0/text").asText().replace("delete_everything", "X"));
      for (JsonNode answer : List.of(noName, numberName, arrayParams, noParams)) {
        assertThat(answer.at("/result/isError").asBoolean()).as("%s", answer).isTrue();
        assertThat(answer.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("invalid_request");
      }
      assertThat(ping.has("result")).isTrue();
    }
    List<JsonNode> audit = audit();
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "unknown_tool", "unknown_tool", "invalid_request", "invalid_request", "invalid_request", "invalid_request",
        "invalid_request");
    assertThat(audit).extracting(r -> r.path("decision").asText()).containsOnly("deny");
    assertThat(audit).extracting(r -> r.path("tool").asText())
        .containsExactly("create_issue", "delete_everything", "", "", "", "", "get_repo");
    assertThat(audit.get(0).path("session").asText()).isNotBlank();
    assertThat(AuditLogs.verify(auditLog()).intact()).isTrue();
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void aPersonApprovesInTheClientAndExactlyThatCallRunsOnce() throws Exception {
    try (StdioPeer peer = new StdioPeer(server()).initialize(ELICITATION)) {
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"accept\",\"content\":{\"approve\":true}}");
      JsonNode written = peer.call("create_issue", WRITE_ARGS);

      assertThat(written.at("/result/isError").asBoolean()).as("%s", written).isFalse();
      assertThat(written.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("ok");
      assertThat(peer.serverRequests).hasSize(1);
      JsonNode elicitation = peer.serverRequests.get(0);
      assertThat(elicitation.path("method").asText()).isEqualTo("elicitation/create");
      String message = elicitation.at("/params/message").asText();
      assertThat(message).contains("create_issue").contains("POST " + upstream.baseUrl() + "/repos/octo/hello/issues")
          .contains("Found a bug");
      assertThat(elicitation.at("/params/requestedSchema/properties/approve/type").asText()).isEqualTo("boolean");
      assertThat(elicitation.at("/params/requestedSchema/required/0").asText()).isEqualTo("approve");

      // The approval was used up: the same call asks again.
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"decline\"}");
      assertThat(peer.call("create_issue", WRITE_ARGS).at("/result/_meta/dev.cask~1reason").asText())
          .isEqualTo("confirmation_declined");
    }
    assertThat(upstream.requests()).isEqualTo(1);
    List<JsonNode> audit = audit();
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "confirmation_required", "confirmation_approved", "sending", "ok", "confirmation_required",
        "confirmation_declined");
    String challenge = audit.get(0).path("challenge").asText();
    assertThat(audit.get(1).path("challenge").asText()).isEqualTo(challenge);
    assertThat(audit.get(3).path("challenge").asText()).isEqualTo(challenge);
    assertThat(audit.get(3).path("args").asText()).isEqualTo(audit.get(0).path("args").asText());
    // Who approved it, on the answer and on the call it let run (and its intent, written before it was sent).
    assertThat(audit).extracting(r -> r.path("approvedVia").asText(null))
        .containsExactly(null, "elicitation", "elicitation", "elicitation", null, null);
    assertThat(audit.get(3).path("intent").asLong()).isEqualTo(audit.get(2).path("seq").asLong());
    assertThat(AuditLogs.verify(auditLog()).intact()).isTrue();
  }

  @Test
  void aDeclineOrAnUntickedFormRefusesTheCallAndVoidsTheChallenge() throws Exception {
    try (StdioPeer peer = new StdioPeer(server()).initialize(ELICITATION)) {
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"decline\"}");
      JsonNode declined = peer.call("create_issue", WRITE_ARGS);
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"accept\",\"content\":{\"approve\":false}}");
      JsonNode unticked = peer.call("create_issue", WRITE_ARGS);

      for (JsonNode answer : List.of(declined, unticked)) {
        assertThat(answer.at("/result/isError").asBoolean()).isTrue();
        assertThat(answer.at("/result/_meta/dev.cask~1decision").asText()).isEqualTo("deny");
        assertThat(answer.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_declined");
      }
      String challenge = declined.at("/result/_meta/dev.cask~1outcome/challenge").asText();
      assertThat(challenge).isNotBlank();
      // A declined challenge cannot be approved out of band afterwards, nor redeemed by the agent.
      assertThat(ConfirmationStore.forAuditLog(auditLog()).approve(challenge, ApprovalChannel.CLI)).isEqualTo(ApprovalResult.ALREADY_DECLINED);
      JsonNode redeemed = peer.call("create_issue", WRITE_ARGS.replace("}}", "},\"_cask_confirmation\":\"" + challenge + "\"}"));
      assertThat(redeemed.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_declined");
    }
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void withoutAnAnswerOrWithoutTheCapabilityTheChallengeWaitsForConfirm() throws Exception {
    GovernedServer server = server();
    String challenge;
    try (StdioPeer peer = new StdioPeer(server).initialize(ELICITATION)) {
      peer.onServerRequest = request -> null; // the client fails the request
      JsonNode failed = peer.call("create_issue", WRITE_ARGS);
      assertThat(failed.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_unanswered");
      assertThat(failed.at("/result/content/0/text").asText()).contains("cask-runtime.jar confirm ");
      challenge = failed.at("/result/_meta/dev.cask~1challengeId").asText();
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"cancel\"}");
      assertThat(peer.call("create_issue", WRITE_ARGS).at("/result/_meta/dev.cask~1reason").asText())
          .isEqualTo("confirmation_unanswered");
    }
    try (StdioPeer peer = new StdioPeer(server).initialize("{}")) {
      JsonNode plain = peer.call("create_issue", WRITE_ARGS);
      assertThat(plain.at("/result/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_required");
      assertThat(plain.at("/result/_meta/dev.cask~1challengeId").asText()).as("still the same waiting challenge")
          .isEqualTo(challenge);
      assertThat(peer.serverRequests).isEmpty();
    }
    try (StdioPeer peer = new StdioPeer(GovernedServer.of(pipeline, "test-api", "1.0")).initialize(ELICITATION)) {
      peer.onServerRequest = request -> StdioPeer.json("{\"action\":\"accept\",\"content\":{\"approve\":true}}");
      assertThat(peer.call("create_issue", WRITE_ARGS).at("/result/_meta/dev.cask~1reason").asText())
          .isEqualTo("confirmation_required");
      assertThat(peer.serverRequests).as("serve without --elicitation never asks in the client").isEmpty();
    }
    assertThat(upstream.requests()).isZero();
    assertThat(audit()).extracting(r -> r.path("reason").asText()).containsExactly(
        "confirmation_required", "confirmation_unanswered", "confirmation_required", "confirmation_unanswered",
        "confirmation_required", "confirmation_required");
  }

  @Test
  void manyCallsInFlightAreAllAnsweredAndAudited() throws Exception {
    int calls = 2_000;
    try (StdioPeer peer = new StdioPeer(server()).initialize("{}")) {
      Semaphore window = new Semaphore(32);
      List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        window.acquire();
        CompletableFuture<JsonNode> answer =
            peer.request("tools/call", "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"o\",\"repo\":\"r" + i + "\"}}");
        answer.whenComplete((a, e) -> window.release());
        answers.add(answer);
      }
      for (int i = 0; i < calls; i++) {
        JsonNode answer = answers.get(i).get(60, TimeUnit.SECONDS);
        assertThat(answer.at("/result/isError").asBoolean()).as("%s", answer).isFalse();
        assertThat(StdioPeer.json(answer.at("/result/content/0/text").asText()).path("path").asText())
            .isEqualTo("/repos/o/r" + i);
      }
    }
    assertThat(upstream.requests()).isEqualTo(calls);
    assertThat(AuditLogs.verify(auditLog()).records()).as("an intent and an outcome per call").isEqualTo(2 * calls);
    assertThat(AuditLogs.verify(auditLog()).intact()).isTrue();
  }

  @Test
  void malformedLinesAreAnsweredAndReadingGoesOn() throws Exception {
    try (StdioPeer peer = new StdioPeer(server()).initialize("{}")) {
      peer.send("this is not json");
      peer.send("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}");
      peer.send("[1,2,3]");
      peer.send("{\"jsonrpc\":\"2.0\",\"id\":7}");
      peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"x" + "y".repeat(StdioTransport.MAX_MESSAGE_BYTES) + "\",\"method\":\"ping\"}");
      peer.send("   ");
      assertThat(peer.request("ping", null).join().has("result")).isTrue();
      List<Integer> codes = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonNode error = peer.unsolicited.poll(10, TimeUnit.SECONDS);
        assertThat(error).isNotNull();
        ids.add(error.get("id").toString());
        codes.add(error.at("/error/code").asInt());
      }
      assertThat(codes).containsExactly(-32700, -32600, -32600, -32600, -32600);
      // an id is echoed only when it is a valid one (a string or an integer)
      assertThat(ids).containsExactly("null", "null", "null", "7", "null");
    }
  }

  /** Passes everything to a real core and remembers the calls it received. */
  private record Recording(GovernedServer server, List<ToolCall> calls) implements GovernedTools {
    @Override
    public List<ToolDefinition> listTools() {
      return server.tools().listTools();
    }

    @Override
    public ToolCallOutcome call(ToolCall call) {
      calls.add(call);
      return server.tools().call(call);
    }

    @Override
    public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
      return server.tools().refuse(sessionId, tool, problem);
    }
  }
}
