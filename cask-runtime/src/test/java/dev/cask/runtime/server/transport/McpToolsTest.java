package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.TestToolpacks;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How approved tools and the core's outcomes look to an MCP client. */
class McpToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ToolDefinition> definitions =
      TestToolpacks.tools("https://api.example.com", 1).stream().map(Tool::definition).toList();

  private final McpTools tools =
      new McpTools(
          new ListingOnlyTools(definitions),
          JSON);

  @Test
  void everyApprovedToolIsListedWithItsSchemasAndHints() throws Exception {
    assertThat(JSON.readTree(tools.listResultJson()).get("tools")).extracting(tool -> tool.get("name").asText())
        .containsExactly("get_repo", "create_issue", "list_things_0000");

    McpSchema.Tool getRepo = tools.toMcp(definitions.get(0));
    assertThat(getRepo.description()).isEqualTo("Get a repository.");
    assertThat(getRepo.title()).isEqualTo("Get a repository");
    assertThat(getRepo.annotations().readOnlyHint()).isTrue();
    assertThat(getRepo.annotations().destructiveHint()).isFalse();
    assertThat(getRepo.annotations().idempotentHint()).isTrue();
    assertThat(getRepo.annotations().openWorldHint()).isTrue();
  }

  @Test
  void schemasSerializeExactlyAsTheToolpackWroteThem() throws Exception {
    for (ToolDefinition definition : definitions) {
      McpSchema.Tool tool = tools.toMcp(definition);
      JsonNode written = JSON.readTree(JSON.writeValueAsString(tool)).get("inputSchema");
      assertThat(written).isEqualTo(definition.inputSchema());
    }
  }

  @Test
  void outputSchemasAreListedWithoutAnnotationsOrNotAtAll() throws Exception {
    JsonNode approved = JSON.readTree("{\"type\":\"object\",\"description\":\"A repository\",\"properties\":"
        + "{\"id\":{\"type\":\"integer\",\"examples\":[1]}}}");
    ToolDefinition d = definitions.get(0);
    ToolDefinition withOutput = new ToolDefinition(d.name(), d.description(), d.method(), d.baseUrl(), d.path(),
        d.inputSchema(), approved, d.risk(), d.annotations(), d.binding(), d.security(), d.deprecated());

    JsonNode listed = JSON.readTree(JSON.writeValueAsString(tools.toMcp(withOutput))).get("outputSchema");
    assertThat(listed.get("$id").asText()).startsWith("urn:cask:output-schema:sha256:");
    assertThat(((ObjectNode) listed.deepCopy()).<JsonNode>without("$id"))
        .isEqualTo(JSON.readTree("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}"));
    assertThat(withOutput.outputSchema()).isEqualTo(approved);

    McpTools withoutOutputSchemas = new McpTools(new ListingOnlyTools(List.of(withOutput)), JSON, false);
    assertThat(JSON.readTree(JSON.writeValueAsString(withoutOutputSchemas.toMcp(withOutput))).has("outputSchema")).isFalse();
  }

  @Test
  void theSchemaViewIsAFaithfulMap() {
    McpSchema.Tool tool = tools.toMcp(definitions.get(0));
    assertThat(tool.inputSchema()).containsOnlyKeys("type", "properties", "required", "additionalProperties");
    assertThat(tool.inputSchema().get("type")).hasToString("\"object\"");
    assertThat(tool.inputSchema().get("missing")).isNull();
    assertThat(tool.inputSchema().get(42)).isNull();
  }

  @Test
  void denialsAndChallengesAreErrorResultsWithTheDecisionInMeta() throws Exception {
    McpSchema.CallToolResult challenge =
        tools.toResult(
            new ToolCallOutcome(Decision.CONFIRM, "confirmation_required", "Confirm abc123", null, true, "abc123"));
    assertThat(challenge.isError()).isTrue();
    assertThat(((McpSchema.TextContent) challenge.content().get(0)).text()).isEqualTo("Confirm abc123");
    assertThat(challenge.meta())
        .containsEntry("dev.cask/decision", "confirm")
        .containsEntry("dev.cask/reason", "confirmation_required")
        .containsEntry("dev.cask/challengeId", "abc123");

    McpSchema.CallToolResult denied =
        tools.toResult(new ToolCallOutcome(Decision.DENY, "policy_deny", "denied by rule x", null, true, null));
    assertThat(denied.isError()).isTrue();
    assertThat(denied.meta()).doesNotContainKey("dev.cask/challengeId").containsEntry("dev.cask/decision", "deny");

    JsonNode body = JSON.readTree("{\"id\":7,\"tags\":[\"a\"]}");
    McpSchema.CallToolResult allowed =
        tools.toResult(new ToolCallOutcome(Decision.ALLOW, "ok", "{\"id\":7}", body, false, null));
    assertThat(allowed.isError()).isFalse();
    assertThat(JSON.readTree(JSON.writeValueAsString(allowed)).get("structuredContent")).isEqualTo(body);
  }

  @Test
  void structuredContentIsAlwaysAnObjectOnTheWire() throws Exception {
    JsonNode wrapped = JSON.readTree("{\"result\":[{\"id\":1},{\"id\":2}]}");
    McpSchema.CallToolResult result =
        tools.toResult(new ToolCallOutcome(Decision.ALLOW, "ok", "[{\"id\":1},{\"id\":2}]", wrapped, false, null));
    JsonNode wire = JSON.readTree(JSON.writeValueAsString(result));
    assertThat(wire.get("structuredContent")).isEqualTo(wrapped);
    assertThat(wire.at("/content/0/text").asText()).isEqualTo("[{\"id\":1},{\"id\":2}]");

    // A bare array would be refused by every client: the pipeline wraps it, and nothing else may get through.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tools.toResult(
            new ToolCallOutcome(Decision.ALLOW, "ok", "[]", JSON.readTree("[]"), false, null)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an object");
  }
}
