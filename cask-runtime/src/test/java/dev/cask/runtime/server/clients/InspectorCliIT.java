package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Inspector CLI ({@code @modelcontextprotocol/inspector --cli}) against {@code java -jar cask-runtime.jar
 * serve} with a signed lockfile. Its exit code is 0
 * even for an {@code isError} result, so the assertions read its JSON.
 */
class InspectorCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "inspector-token-0123456789abcdef0123456789";

  @TempDir Path dir;
  private EchoUpstream upstream;
  private SignedToolpacks.Signed signed;

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    signed = SignedToolpacks.write(dir, "test-api", TestToolpacks.tools(upstream.baseUrl(), 1),
        SignedToolpacks.confirmWrites());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private JsonNode inspector(List<String> target, String... method) throws Exception {
    return inspector(0, target, method);
  }

  /** Inspector 2.12.0 exits 5 ({@code tool_is_error}) when a tool result has {@code isError: true}. */
  private JsonNode inspector(int expectedExit, List<String> target, String... method) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Processes.node().toString());
    command.add(Processes.npmDir().resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString());
    command.add("--cli");
    command.addAll(target);
    command.addAll(List.of(method));
    // The inspector keeps a catalog under ~/.mcp-inspector unless told otherwise: keep it in the test directory.
    Processes.Result result =
        Processes.run(command, Map.of("MCP_CATALOG_PATH", dir.resolve("mcp.json").toString()), 120);
    assertThat(result.exitCode()).as("inspector stderr:\n%s", result.stderr()).isEqualTo(expectedExit);
    return JSON.readTree(result.stdout());
  }

  private List<String> stdioTarget() {
    return Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new));
  }

  @Test
  void listsAndCallsOverStdio() throws Exception {
    JsonNode list = inspector(stdioTarget(), "--method", "tools/list");
    assertThat(list.get("tools")).extracting(t -> t.get("name").asText())
        .containsExactly("create_issue", "get_repo", "list_things_0000");

    JsonNode call =
        inspector(stdioTarget(), "--method", "tools/call", "--tool-name", "get_repo", "--tool-arg", "owner=a/b", "repo=c");
    assertThat(call.path("isError").asBoolean(false)).isFalse();
    // The path parameter is encoded: "a/b" cannot add a path segment.
    assertThat(JSON.readTree(call.at("/content/0/text").asText()).get("path").asText()).isEqualTo("/repos/a%2Fb/c");
    assertThat(upstream.requests()).isEqualTo(1);
  }

  @Test
  void writeToolAnswersWithAChallengeNotACall() throws Exception {
    JsonNode call =
        inspector(5, stdioTarget(), "--method", "tools/call", "--tool-name", "create_issue", "--tool-arg", "owner=a",
            "repo=b", "body={\"title\":\"t\"}");
    assertThat(call.get("isError").asBoolean()).isTrue();
    assertThat(call.at("/_meta/dev.cask~1reason").asText()).isEqualTo("confirmation_required");
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void listsOverStreamableHttpWithTheBearerToken() throws Exception {
    try (HttpServerProcess server = HttpServerProcess.start(SignedToolpacks.serveArgs(signed), TOKEN)) {
      JsonNode list =
          inspector(List.of(server.url("/mcp")), "--header", "Authorization: Bearer " + TOKEN, "--method", "tools/list");
      assertThat(list.get("tools")).hasSize(3);
    }
  }
}
