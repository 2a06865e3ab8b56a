package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.schema.ListedOutputSchema;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between the governed core and the MCP SDK's types: each approved tool becomes an MCP tool, each outcome
 * a tool result. Nothing here decides anything; the core does. Denials and challenges come back as tool results
 * marked {@code isError}, so the model can read why, and the decision is repeated in {@code _meta} for clients.
 */
final class McpTools {
  /** {@code _meta} keys Cask adds to every tool result (reverse-DNS prefix, as the MCP spec asks). */
  static final String META_DECISION = "dev.cask/decision";

  static final String META_REASON = "dev.cask/reason";
  static final String META_CHALLENGE = "dev.cask/challengeId";
  /** The optional per-call dry-run flag a client may pass in the request's {@code _meta}. */
  static final String META_DRY_RUN = "dev.cask/dryRun";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final GovernedTools tools;
  private final ObjectMapper mapper;
  private final boolean outputSchemas;

  McpTools(GovernedTools tools, ObjectMapper mapper) {
    this(tools, mapper, true);
  }

  /** @param outputSchemas whether listed tools carry their output schemas ({@code serve --no-output-schemas}) */
  McpTools(GovernedTools tools, ObjectMapper mapper, boolean outputSchemas) {
    this.tools = tools;
    this.mapper = mapper;
    this.outputSchemas = outputSchemas;
  }

  /**
   * The {@code tools/list} result, {@code {"tools":[…]}}: the approved tools as MCP tools ({@link #toMcp}), in the
   * core's (name) order, exactly as the SDK's {@code ListToolsResult} of them serializes, written tool by tool: each
   * MCP tool and its listed output schema (a copy without annotations) is garbage once written, instead of every tool
   * being held until the whole list is. For GitHub's 1,223 tools that held about 30 MB through several collections of
   * start-up.
   */
  byte[] listResultJson() {
    ByteArrayBuilder bytes = new ByteArrayBuilder();
    try (JsonGenerator json = mapper.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeFieldName("tools");
      json.writeStartArray();
      for (ToolDefinition definition : tools.listTools()) {
        mapper.writeValue(json, toMcp(definition));
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tools/list result", e);
    }
    return bytes.toByteArray();
  }

  McpSchema.Tool toMcp(ToolDefinition definition) {
    ToolAnnotations hints = definition.annotations();
    return McpSchema.Tool.builder(definition.name())
        .title(hints.title())
        .description(definition.description())
        .inputSchema(view(tools.advertisedInputSchema(definition)))
        .outputSchema(!outputSchemas || definition.outputSchema() == null
            ? null
            : view(ListedOutputSchema.of(definition.outputSchema())))
        .annotations(
            new McpSchema.ToolAnnotations(
                hints.title(),
                hints.readOnlyHint(),
                hints.destructiveHint(),
                hints.idempotentHint(),
                hints.openWorldHint(),
                null))
        .build();
  }

  CallToolResult toResult(ToolCallOutcome outcome) {
    Map<String, Object> meta = new LinkedHashMap<>(8);
    meta.put(META_DECISION, outcome.decision().wireName());
    meta.put(META_REASON, outcome.reasonCode());
    if (outcome.challengeId() != null) {
      meta.put(META_CHALLENGE, outcome.challengeId());
    }
    if (outcome.meta() != null) {
      meta.put(ToolCallOutcome.META_KEY, outcome.meta());
    }
    Map<String, Object> structured = null;
    if (outcome.structuredContent() != null) {
      // MCP structured content is an object; the pipeline wraps any other body (StructuredOutput).
      if (!(outcome.structuredContent() instanceof ObjectNode object)) {
        throw new IllegalStateException("structured content of a " + outcome.reasonCode() + " result is not an object");
      }
      structured = view(object);
    }
    return new CallToolResult(List.of(new McpSchema.TextContent(outcome.text())), outcome.isError(), structured, meta);
  }

  /** Objects become a {@link JsonObjectMap} view (no conversion); anything else is converted. */
  private Map<String, Object> view(JsonNode node) {
    return node instanceof ObjectNode object ? new JsonObjectMap(object) : mapper.convertValue(node, MAP);
  }
}
