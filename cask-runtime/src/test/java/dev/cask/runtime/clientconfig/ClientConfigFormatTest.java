package dev.cask.runtime.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every client's file, stdio and HTTP, against that client's documented format; the token is never written. */
class ClientConfigFormatTest {
  static final String ANCHOR = "sha256:" + "ab".repeat(32);

  @TempDir Path dir;

  private ConfigRequest request(ClientKind client, boolean launcher, String http) throws Exception {
    Path jar = Files.writeString(dir.resolve("cask-runtime.jar"), "jar");
    Path sh = Files.writeString(dir.resolve("cask-runtime"), "#!/bin/sh");
    Path project = Files.createDirectories(dir.resolve("my project"));
    return new ConfigRequest(List.of(client), "cask", new ServeArguments(project.resolve("target/cask"),
        project.resolve("cask.lock.yaml"), project.resolve("cask.signers.yaml"), new ConfigAnchor(ANCHOR, false, "test")),
        Path.of("/opt/jdk-17/bin/java"),
        jar, launcher ? sh : null, http, null, false, null, project, dir.resolve("home"), Map.of(), "Linux");
  }

  private String document(ClientKind client, boolean launcher, String http) throws Exception {
    ConfigRequest request = request(client, launcher, http);
    List<String> out = new ArrayList<>();
    ClientConfigurator.run(request, out::add, w -> { });
    return ClientConfigs.document(client, request.name(), request.entry());
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void stdioEntriesMatchEachClientsFormatWithAbsolutePaths(ClientKind client) throws Exception {
    for (boolean launcher : List.of(false, true)) {
      String text = document(client, launcher, null);
      assertThat(ClientSchemas.problems(client, text)).as("%s%n%s", client, text).isEmpty();
      JsonNode server = (client.toml() ? ClientSchemas.TOML.readTree(text).get("mcp_servers")
          : ClientSchemas.JSON.readTree(text).get(client == ClientKind.VSCODE ? "servers" : "mcpServers")).get("cask");
      List<String> args = new ArrayList<>();
      server.get("args").forEach(a -> args.add(a.asText()));
      assertThat(Path.of(server.get("command").asText())).isAbsolute();
      String project = dir.resolve("my project").toString();
      assertThat(args).containsSubsequence("serve", "--toolpack", project + "/target/cask", "--lockfile",
          project + "/cask.lock.yaml", "--signers", project + "/cask.signers.yaml", "--trust-anchor", ANCHOR);
      if (launcher) {
        assertThat(server.get("command").asText()).isEqualTo("/bin/sh");
        assertThat(args.get(0)).isEqualTo(dir.resolve("cask-runtime").toString());
        assertThat(server.get("env").get("JAVA_HOME").asText()).isEqualTo("/opt/jdk-17");
      } else {
        assertThat(server.get("command").asText()).isEqualTo("/opt/jdk-17/bin/java");
        assertThat(args.subList(0, 2)).containsExactly("-jar", dir.resolve("cask-runtime.jar").toString());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = ClientKind.class, names = "CLAUDE_DESKTOP", mode = EnumSource.Mode.EXCLUDE)
  void httpEntriesNameTheTokensVariableAndNeverHoldAToken(ClientKind client) throws Exception {
    String text = document(client, false, "http://127.0.0.1:8765/mcp");
    assertThat(ClientSchemas.problems(client, text)).as("%s%n%s", client, text).isEmpty();
    assertThat(text).contains("http://127.0.0.1:8765/mcp").contains("CASK_HTTP_TOKEN");
    String expected = switch (client) {
      case CLAUDE_CODE -> "\"Authorization\": \"Bearer ${CASK_HTTP_TOKEN}\"";
      case VSCODE, CURSOR -> "\"Authorization\": \"Bearer ${env:CASK_HTTP_TOKEN}\"";
      case CODEX -> "bearer_token_env_var = \"CASK_HTTP_TOKEN\"";
      default -> throw new IllegalStateException();
    };
    assertThat(text).contains(expected);
  }

  @Test
  void claudeDesktopHasNoHttpFormInItsFileAndSaysWhereItGoes() throws Exception {
    assertThatThrownBy(() -> document(ClientKind.CLAUDE_DESKTOP, false, "http://127.0.0.1:8765/mcp"))
        .isInstanceOf(CaskException.class).hasMessageContaining("Settings > Connectors");
  }

  @Test
  void plainHttpToAnotherHostIsRefusedBecauseTheTokenWouldTravelInClearText() {
    assertThatThrownBy(() -> ServerEntry.http("http://mcp.example.com/mcp", null))
        .isInstanceOf(CaskException.class).hasMessageContaining("unencrypted");
    assertThatThrownBy(() -> ServerEntry.http("https://user:pw@mcp.example.com/mcp", null))
        .isInstanceOf(CaskException.class).hasMessageContaining("credentials");
    assertThatThrownBy(() -> ServerEntry.http("https://mcp.example.com/mcp", "A-B"))
        .isInstanceOf(CaskException.class).hasMessageContaining("not an environment variable name");
    assertThat(ServerEntry.http("https://mcp.example.com/mcp", "MY_TOKEN").tokenEnv()).isEqualTo("MY_TOKEN");
    assertThat(ServerEntry.http("http://[::1]:8765/mcp", null).url()).isEqualTo("http://[::1]:8765/mcp");
  }

  @Test
  void claudeMcpAddQuotesForTheShellAndKeepsTheVariableForClaudeCode() throws Exception {
    ConfigRequest stdio = request(ClientKind.CLAUDE_CODE, false, null);
    assertThat(ClientConfigs.claudeMcpAdd("cask", stdio.entry())).startsWith(
        "claude mcp add --scope project --transport stdio cask -- /opt/jdk-17/bin/java -jar ")
        .contains("--toolpack '" + dir.resolve("my project") + "/target/cask'");
    ConfigRequest http = request(ClientKind.CLAUDE_CODE, false, "http://127.0.0.1:8765/mcp");
    assertThat(ClientConfigs.claudeMcpAdd("cask", http.entry())).isEqualTo(
        "claude mcp add --scope project --transport http cask http://127.0.0.1:8765/mcp --header"
            + " 'Authorization: Bearer ${CASK_HTTP_TOKEN}'");
  }

  @Test
  void theSchemasRejectWhatAClientWouldNotRead() throws Exception {
    // The checks can fail: an undocumented key, a missing command, the wrong root key.
    assertThat(ClientSchemas.problems(ClientKind.CURSOR, "{\"mcpServers\":{\"x\":{\"command\":\"/bin/sh\",\"cmd\":1}}}")).isNotEmpty();
    assertThat(ClientSchemas.problems(ClientKind.CLAUDE_CODE, "{\"mcpServers\":{\"x\":{\"args\":[]}}}")).isNotEmpty();
    assertThat(ClientSchemas.problems(ClientKind.VSCODE, "{\"mcpServers\":{}}")).isNotEmpty();
    assertThat(ClientSchemas.problems(ClientKind.CODEX, "[mcp_servers.x]\nurl = \"https://a/mcp\"\nbearer_token = \"t\"\n")).isNotEmpty();
    assertThat(ClientSchemas.problems(ClientKind.CLAUDE_DESKTOP, "{\"mcpServers\":{\"x\":{\"type\":\"http\",\"url\":\"u\"}}}")).isNotEmpty();
  }
}
