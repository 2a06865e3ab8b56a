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
 * CLI, write, no replay; and, declaring the elicitation capability, unknown and nameless calls denied and audited, a
 * write approved in the client (it runs once) and one declined (it does not run). Afterwards the audit chain verifies.
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
                Processes.npmDir().resolve(script).toString(),
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

  @Test
  void governedCallsAndConfirmationInTheClientOverStdio() throws Exception {
    List<String> serve = Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new));
    ObjectNode config = JSON.createObjectNode().put("transport", "stdio").put("command", serve.get(0));
    config.set("args", JSON.valueToTree(serve.subList(1, serve.size())));

    assertGovernedCalls(run("governed-calls.mjs", config));
  }

  @Test
  void governedCallsAndConfirmationInTheClientOverStreamableHttp() throws Exception {
    try (HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN)) {
      ObjectNode config = JSON.createObjectNode().put("transport", "http").put("url", server.url("/mcp")).put("token", TOKEN);

      assertGovernedCalls(run("governed-calls.mjs", config));
    }
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
    List<JsonNode> audit = auditRecords();
    assertThat(audit).extracting(r -> r.path("reason").asText()).containsExactly(
        "unknown_tool", "invalid_request", "confirmation_required", "confirmation_approved", "ok",
        "confirmation_required", "confirmation_declined");
    assertThat(audit.get(0).path("tool").asText()).isEqualTo("delete_everything");
    assertThat(audit).extracting(r -> r.path("session").asText()).doesNotContain("");
    assertThat(AuditLogs.verify(signed.auditLog()).intact()).isTrue();
  }

  /** The audit records, once the server has written them all (the HTTP server may still be writing). */
  private List<JsonNode> auditRecords() throws Exception {
    List<JsonNode> records = List.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      records = java.nio.file.Files.readAllLines(signed.auditLog()).stream().map(line -> {
        try {
          return JSON.readTree(line);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
      if (records.size() >= 7) {
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
