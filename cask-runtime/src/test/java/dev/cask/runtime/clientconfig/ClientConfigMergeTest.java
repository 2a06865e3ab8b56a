package dev.cask.runtime.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --write}: the server goes in, every other byte of the user's file stays. */
class ClientConfigMergeTest {
  private static final ServerEntry STDIO = new ServerEntry.Stdio("/opt/jdk/bin/java",
      List.of("-jar", "/opt/cask/cask-runtime.jar", "serve", "--toolpack", "/p/target/cask"), Map.of());
  private static final ServerEntry OTHER = new ServerEntry.Stdio("/usr/bin/true", List.of("x"), Map.of());

  @TempDir Path dir;

  /** A user's VS Code file: comments, a trailing comma (JSONC), tabs, another server and inputs. */
  private static final String VSCODE = "// my servers\n{\n\t\"inputs\": [], // none yet\n\t\"servers\": {\n"
      + "\t\t/* GitHub */\n\t\t\"github\": {\"type\": \"http\", \"url\": \"https://api.githubcopilot.com/mcp/\"},\n\t},\n}\n";

  @Test
  void addsTheServerAndKeepsCommentsLayoutAndOtherServers() throws Exception {
    String merged = ClientConfigs.merge(ClientKind.VSCODE, VSCODE, "cask", STDIO, "mcp.json");
    // Everything the user wrote is still there, in order, byte for byte; only the new member was inserted.
    int cut = merged.indexOf(",\n\t\t\"cask\": ");
    assertThat(cut).isPositive();
    int end = merged.indexOf("\n\t\t}", cut) + 4;
    assertThat(merged.substring(0, cut) + merged.substring(end)).isEqualTo(VSCODE);
    assertThat(merged).contains("\t\t\"cask\": {\n\t\t\t\"type\": \"stdio\",\n\t\t\t\"command\": \"/opt/jdk/bin/java\"");
    JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.core.JsonFactoryBuilder()
        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build()).readTree(merged);
    assertThat(tree.get("servers").get("github").get("url").asText()).isEqualTo("https://api.githubcopilot.com/mcp/");
    assertThat(tree.get("servers").get("cask").get("command").asText()).isEqualTo("/opt/jdk/bin/java");
    // Running it again changes nothing.
    assertThat(ClientConfigs.merge(ClientKind.VSCODE, merged, "cask", STDIO, "mcp.json")).isEqualTo(merged);
  }

  @Test
  void replacesOnlyItsOwnEntry() throws Exception {
    String before = "{\n  \"mcpServers\": {\n    \"cask\": {\"command\": \"/old/java\", \"args\": [\"old\"]},\n"
        + "    \"other\": {\"command\": \"/usr/bin/true\"}\n  },\n  \"globalShortcut\": \"Ctrl+Space\"\n}\n";
    String merged = ClientConfigs.merge(ClientKind.CLAUDE_DESKTOP, before, "cask", STDIO, "claude_desktop_config.json");
    assertThat(merged).doesNotContain("/old/java").startsWith("{\n  \"mcpServers\": {\n    \"cask\": {\n      \"command\": \"/opt/jdk/bin/java\"")
        .endsWith("},\n    \"other\": {\"command\": \"/usr/bin/true\"}\n  },\n  \"globalShortcut\": \"Ctrl+Space\"\n}\n");
    assertThat(ClientSchemas.problems(ClientKind.CLAUDE_DESKTOP, merged.replace(",\n  \"globalShortcut\": \"Ctrl+Space\"", ""))).isEmpty();
  }

  @Test
  void addsTheServersObjectWhenTheFileHasNone() throws Exception {
    String before = "{\n    \"theme\": \"dark\"\n}\n";
    String merged = ClientConfigs.merge(ClientKind.CURSOR, before, "cask", STDIO, "mcp.json");
    assertThat(merged).startsWith("{\n    \"theme\": \"dark\",\n    \"mcpServers\": {\n        \"cask\": {\n            \"command\"");
    assertThat(ClientSchemas.JSON.readTree(merged).get("theme").asText()).isEqualTo("dark");
    String empty = ClientConfigs.merge(ClientKind.CLAUDE_CODE, "{}", "cask", STDIO, ".mcp.json");
    assertThat(ClientSchemas.problems(ClientKind.CLAUDE_CODE, empty)).isEmpty();
    assertThat(ClientConfigs.merge(ClientKind.CLAUDE_CODE, "", "cask", STDIO, ".mcp.json"))
        .isEqualTo(ClientConfigs.document(ClientKind.CLAUDE_CODE, "cask", STDIO));
  }

  @Test
  void refusesFilesItCannotEditSafelyAndSaysWhy() {
    assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CLAUDE_CODE, "{\"mcpServers\": {\"a\": 1,}", "cask", STDIO, ".mcp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining(".mcp.json at line 1").hasMessageContaining("nothing was written");
    assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CLAUDE_CODE, "[]", "cask", STDIO, ".mcp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining("is not a JSON object");
    assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CLAUDE_CODE, "{\"mcpServers\": []}", "cask", STDIO, ".mcp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining("\"mcpServers\" is not a JSON object");
    assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CLAUDE_CODE, "{\"mcpServers\": {\"cask\": \"x\"}}", "cask", STDIO, ".mcp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining("\"mcpServers\".cask is not a JSON object");
    assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CLAUDE_CODE, "{\"a\": 1, \"a\": 2}", "cask", STDIO, ".mcp.json"))
        .isInstanceOf(CaskException.class).hasMessageContaining("Duplicate");
  }

  /** A user's Codex file: settings, comments, a multi-line string that looks like a table, and two servers. */
  private static final String CODEX = "model = \"o4\" # mine\n\n[mcp_servers.docs]\ncommand = \"docs-mcp\"\n\n"
      + "[mcp_servers.cask]\ncommand = \"/old/java\"\nargs = [\"old\"]\n\n[mcp_servers.cask.env]\nOLD = \"1\"\n\n"
      + "[profiles.review]\ninstructions = \"\"\"\n[mcp_servers.cask]\nnot a table\n\"\"\"\n";

  @Test
  void codexTablesAreReplacedInPlaceAndTheRestParsesTheSame() throws Exception {
    String merged = ClientConfigs.merge(ClientKind.CODEX, CODEX, "cask", STDIO, "config.toml");
    assertThat(merged).startsWith("model = \"o4\" # mine\n\n[mcp_servers.docs]\ncommand = \"docs-mcp\"\n\n[mcp_servers.cask]\n"
        + "command = \"/opt/jdk/bin/java\"\n").doesNotContain("/old/java").doesNotContain("OLD")
        .endsWith("[profiles.review]\ninstructions = \"\"\"\n[mcp_servers.cask]\nnot a table\n\"\"\"\n");
    ObjectNode before = (ObjectNode) ClientSchemas.TOML.readTree(CODEX);
    ObjectNode after = (ObjectNode) ClientSchemas.TOML.readTree(merged);
    assertThat(after.get("mcp_servers").get("cask").get("command").asText()).isEqualTo("/opt/jdk/bin/java");
    ((ObjectNode) before.get("mcp_servers")).remove("cask");
    ((ObjectNode) after.get("mcp_servers")).remove("cask");
    assertThat(after).isEqualTo(before);
    assertThat(ClientConfigs.merge(ClientKind.CODEX, merged, "cask", STDIO, "config.toml")).isEqualTo(merged);
    String appended = ClientConfigs.merge(ClientKind.CODEX, "model = \"o4\"\n", "cask", OTHER, "config.toml");
    assertThat(appended).isEqualTo("model = \"o4\"\n\n[mcp_servers.cask]\ncommand = \"/usr/bin/true\"\nargs = [\"x\"]\n");
    assertThat(ClientSchemas.problems(ClientKind.CODEX, appended)).isEmpty();
  }

  @Test
  void codexDefinitionsItCannotRewriteAreRefused() {
    for (String text : List.of("mcp_servers.cask.command = \"x\"\n", "[mcp_servers]\ncask = { command = \"x\" }\n",
        "mcp_servers = { cask = { command = \"x\" } }\n", "[mcp_servers.\"cask\"]\ncommand = \"a\"\n[mcp_servers.cask]\ncommand = \"b\"\n")) {
      assertThatThrownBy(() -> ClientConfigs.merge(ClientKind.CODEX, text, "cask", STDIO, "config.toml"))
          .as(text).isInstanceOf(CaskException.class).hasMessageContaining("nothing was written");
    }
  }

  @Test
  void writingKeepsABackupAndTheFilesPermissions() throws Exception {
    Path file = dir.resolve(".mcp.json");
    Files.writeString(file, "{\"mcpServers\": {\"other\": {\"command\": \"/usr/bin/true\"}}}\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ConfigRequest request = new ConfigRequest(List.of(ClientKind.CLAUDE_CODE), "cask",
        new ServeArguments(dir.resolve("t"), dir.resolve("l"), dir.resolve("s"), null), Path.of("/opt/jdk/bin/java"), null, null,
        "http://127.0.0.1:8765/mcp", null, true, file, dir, dir, Map.of(), "Linux");
    List<ClientConfigurator.Outcome> first = ClientConfigurator.run(request, line -> { }, line -> { });
    assertThat(first.get(0).changed()).isTrue();
    assertThat(Files.readString(dir.resolve(".mcp.json.bak"))).isEqualTo("{\"mcpServers\": {\"other\": {\"command\": \"/usr/bin/true\"}}}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(ClientSchemas.problems(ClientKind.CLAUDE_CODE, Files.readString(file))).isEmpty();
    List<ClientConfigurator.Outcome> second = ClientConfigurator.run(request, line -> { }, line -> { });
    assertThat(second.get(0).changed()).as("idempotent").isFalse();
  }
}
