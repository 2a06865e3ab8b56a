package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}) against {@code java -jar cask-runtime.jar
 * serve} with a signed lockfile, over stdio and Streamable HTTP: list, read, confirmation challenge, confirm with the
 * CLI, write, no replay; and, declaring the elicitation capability, unknown and nameless calls denied and audited, and a
 * write: by default never asked about in the client (the agent gets the challenge, a person confirms it with the CLI),
 * with {@code serve --elicitation} approved in the client (it runs once) and declined (it does not run). Each audit
 * record says which channel approved the call. Afterwards the audit chain verifies.
 */
class TypeScriptClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "it-token-0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private EchoUpstream upstream;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    signed = SignedToolpacks.write(dir, "test-api", TestToolpacks.tools(upstream.baseUrl(), 3),
        SignedToolpacks.confirmWrites());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private ObjectNode config() {
    ObjectNode config = JSON.createObjectNode();
    List<String> confirm =
        Processes.productionJar("confirm", "--audit-log", signed.auditLog().toString(), "--yes");
    config.putObject("confirm").put("command", confirm.get(0))
        .set("args", JSON.valueToTree(confirm.subList(1, confirm.size())));
    return config;
  }

  private JsonNode runFlow(ObjectNode config) throws Exception {
    return run("client-flow.mjs", config);
  }

  private JsonNode run(String script, ObjectNode config) throws Exception {
    Processes.Result result =
        Processes.run(
            List.of(
                Processes.node().toString(),
                Processes.script(script).toString(),
                JSON.writeValueAsString(config)),
            Map.of(),
            180);
    assertThat(result.exitCode()).as("%s stderr:\n%s", script, result.stderr()).isZero();
    String last = result.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
    return JSON.readTree(last);
  }

  @Test
  void fullFlowOverStdio() throws Exception {
    ObjectNode config = config();
    List<String> serve = Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new));
    config.put("transport", "stdio").put("command", serve.get(0))
        .set("args", JSON.valueToTree(serve.subList(1, serve.size())));

    assertFlow(runFlow(config));
  }

  @Test
  void fullFlowOverStreamableHttp() throws Exception {
    try (HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN)) {
      ObjectNode config = config();
      config.put("transport", "http").put("url", server.url("/mcp")).put("token", TOKEN);

      assertFlow(runFlow(config));
    }
  }

  private ObjectNode stdioConfig(String mode, String... extra) {
    List<String> args = SignedToolpacks.serveArgs(signed);
    args.addAll(List.of(extra));
    List<String> serve = Processes.productionJar(args.toArray(String[]::new));
    ObjectNode config = config().put("mode", mode).put("transport", "stdio").put("command", serve.get(0));
    config.set("args", JSON.valueToTree(serve.subList(1, serve.size())));
    return config;
  }

  @Test
  void aClientThatDeclaresElicitationIsNotAskedByDefaultOverStdio() throws Exception {
    assertOutOfBand(run("governed-calls.mjs", stdioConfig("out-of-band")));
  }

  @Test
  void aClientThatDeclaresElicitationIsNotAskedByDefaultOverStreamableHttp() throws Exception {
    try (HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN)) {
      ObjectNode config = config().put("mode", "out-of-band").put("transport", "http").put("url", server.url("/mcp"))
          .put("token", TOKEN);

      assertOutOfBand(run("governed-calls.mjs", config));
    }
  }

  @Test
  void governedCallsAndConfirmationInTheClientOverStdio() throws Exception {
    assertGovernedCalls(run("governed-calls.mjs", stdioConfig("client", "--elicitation")));
  }

  @Test
  void governedCallsAndConfirmationInTheClientOverStreamableHttp() throws Exception {
    try (HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN, "--elicitation")) {
      ObjectNode config = config().put("mode", "client").put("transport", "http").put("url", server.url("/mcp"))
          .put("token", TOKEN);

      assertGovernedCalls(run("governed-calls.mjs", config));
    }
  }

  /** Without --elicitation: no prompt reached the client; the challenge went to the agent and the CLI approved it. */
  private void assertOutOfBand(JsonNode summary) throws Exception {
    assertThat(summary.at("/unknown/reason").asText()).isEqualTo("unknown_tool");
    assertThat(summary.at("/nameless/reason").asText()).isEqualTo("invalid_request");
    assertThat(summary.get("prompts")).as("the client declared elicitation, but is never asked").isEmpty();
    assertThat(summary.at("/challenge/reason").asText()).isEqualTo("confirmation_required");
    assertThat(summary.at("/challenge/text").asText()).contains("java -jar cask-runtime.jar confirm " + summary.at("/challenge/id").asText());
    assertThat(summary.get("confirmOutput").asText()).contains("Approved");
    assertThat(summary.at("/approved/reason").asText()).isEqualTo("ok");
    assertThat(upstream.requests()).isEqualTo(1);
    List<JsonNode> audit = auditRecords(5);
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "unknown_tool", "invalid_request", "confirmation_required", "sending", "ok");
    assertThat(audit).extracting(r -> r.path("approvedVia").asText(null))
        .containsExactly(null, null, null, "cli", "cli");
    assertThat(audit.get(4).path("challenge").asText()).isEqualTo(summary.at("/challenge/id").asText());
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
  }

  private void assertGovernedCalls(JsonNode summary) throws Exception {
    assertThat(summary.at("/unknown/reason").asText()).isEqualTo("unknown_tool");
    assertThat(summary.at("/nameless/reason").asText()).isEqualTo("invalid_request");
    assertThat(summary.at("/approved/reason").asText()).isEqualTo("ok");
    assertThat(summary.at("/approved/path").asText()).isEqualTo("/repos/octo/hello/issues");
    assertThat(summary.at("/declined/reason").asText()).isEqualTo("confirmation_declined");
    JsonNode prompts = summary.get("prompts");
    assertThat(prompts).hasSize(2);
    for (JsonNode prompt : prompts) {
      assertThat(prompt.get("mode").asText()).isEqualTo("form");
      assertThat(prompt.get("message").asText()).contains("create_issue")
          .contains("POST " + upstream.baseUrl() + "/repos/octo/hello/issues").contains("Found a bug");
      assertThat(prompt.get("fields")).extracting(JsonNode::asText).containsExactly("approve");
      assertThat(prompt.get("required")).extracting(JsonNode::asText).containsExactly("approve");
    }
    // Exactly one request reached the upstream: the approved write. Nothing for the unknown, nameless or declined call.
    assertThat(upstream.requests()).isEqualTo(1);
    List<JsonNode> audit = auditRecords(8);
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "unknown_tool", "invalid_request", "confirmation_required", "confirmation_approved", "sending", "ok",
        "confirmation_required", "confirmation_declined");
    assertThat(audit).extracting(r -> r.path("approvedVia").asText(null))
        .containsExactly(null, null, null, "elicitation", "elicitation", "elicitation", null, null);
    assertThat(audit.get(0).path("tool").asText()).isEqualTo("delete_everything");
    assertThat(audit).extracting(r -> r.path("session").asText()).doesNotContain("");
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
  }

  /** The audit records, once the server has written them all (the HTTP server may still be writing). */
  private List<JsonNode> auditRecords(int expected) throws Exception {
    List<JsonNode> records = List.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      records = java.nio.file.Files.readAllLines(signed.auditLog()).stream().map(line -> {
        try {
          return JSON.readTree(line);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      if (records.size() >= expected) {
        break;
      }
      Thread.sleep(100);
    }
    return records;
  }

  private void assertFlow(JsonNode summary) throws Exception {
    assertThat(summary.at("/server/name").asText()).isEqualTo("cask-test-api");
    assertThat(summary.get("tools")).hasSize(5);
    assertThat(summary.at("/read/path").asText()).isEqualTo("/repos/octo/hello%20world");
    assertThat(summary.get("challenge").asText()).isNotBlank();
    assertThat(summary.get("confirmOutput").asText()).contains("Approved");
    assertThat(summary.at("/write/method").asText()).isEqualTo("POST");
    assertThat(summary.get("replayRefused").asBoolean()).isTrue();
    // One read and exactly one write reached the upstream: the challenge and the refused replay sent nothing.
    assertThat(upstream.requests()).isEqualTo(2);
    // The HTTP server may still be flushing when the client is done; the stdio server has exited by now.
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
  }
}
