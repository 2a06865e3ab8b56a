package dev.cask.runtime.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cask.runtime.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Each client's documented format as a JSON Schema (see src/test/resources/client-schemas/README.md). */
final class ClientSchemas {
  static final ObjectMapper JSON = new ObjectMapper();
  static final TomlMapper TOML = new TomlMapper();

  private ClientSchemas() {}

  static byte[] resource(String name) {
    try (InputStream in = ClientSchemas.class.getResourceAsStream("/client-schemas/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of {@code text} (the file a client reads) against that client's schema; empty when it conforms. */
  static List<String> problems(ClientKind client, String text) throws IOException {
    JsonNode document = client.toml() ? TOML.readTree(text) : JSON.readTree(text);
    JsonNode subject = document;
    String schemaFile;
    SpecificationVersion version = SpecificationVersion.DRAFT_2020_12;
    switch (client) {
      case CLAUDE_CODE -> {
        byte[] schema = resource("claude-code-plugin-manifest.json");
        assertThat(CanonicalJson.sha256Hex(schema)).as("the committed SchemaStore schema is unmodified")
            .isEqualTo("3f69938d71a47a72fa60050b2050dd620054708911defc1c1dcd7188dcb169f5");
        subject = JSON.createObjectNode().put("name", "cask-test").set("mcpServers", document.get("mcpServers"));
        schemaFile = "claude-code-plugin-manifest.json";
        version = SpecificationVersion.DRAFT_7;
      }
      case CLAUDE_DESKTOP -> schemaFile = "claude-desktop.schema.json";
      case VSCODE -> schemaFile = "vscode-mcp.schema.json";
      case CURSOR -> schemaFile = "cursor-mcp.schema.json";
      case CODEX -> schemaFile = "codex-mcp-servers.schema.json";
      default -> throw new IllegalArgumentException(client.id());
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(version,
        builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    Schema schema = registry.getSchema(JSON.readTree(resource(schemaFile)));
    List<String> problems = new ArrayList<>();
    for (Error error : schema.validate(subject)) {
      problems.add(error.getInstanceLocation() + ": " + error.getMessage());
    }
    if (client == ClientKind.CLAUDE_CODE && !document.isObject()) {
      problems.add("not an object");
    }
    return problems;
  }
}
