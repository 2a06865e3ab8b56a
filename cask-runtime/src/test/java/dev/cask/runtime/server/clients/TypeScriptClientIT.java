package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.audit.AuditChainVerifier;
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
 * CLI, write, no replay; afterwards the audit chain verifies.
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
    Processes.Result result =
        Processes.run(
            List.of(
                Processes.node().toString(),
                Processes.npmDir().resolve("client-flow.mjs").toString(),
                JSON.writeValueAsString(config)),
            Map.of(),
            180);
    assertThat(result.exitCode()).as("client-flow stderr:\n%s", result.stderr()).isZero();
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
    assertThat(AuditChainVerifier.verify(signed.auditLog()).intact()).isTrue();
  }
}
