package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between the governed core and the MCP SDK: each approved tool becomes an MCP tool whose only handler is
 * {@link GovernedTools#call}. Nothing here decides anything; the core does. Denials and challenges come back as tool
 * results marked {@code isError}, so the model can read why, and the decision is repeated in {@code _meta} for clients.
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

  McpTools(GovernedTools tools, ObjectMapper mapper) {
    this.tools = tools;
    this.mapper = mapper;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** One MCP tool specification per approved tool, in the core's (name) order. */
  List<SyncToolSpecification> specifications() {
    List<ToolDefinition> definitions = tools.listTools();
    List<SyncToolSpecification> specifications = new ArrayList<>(definitions.size());
    for (ToolDefinition definition : definitions) {
      specifications.add(new SyncToolSpecification(toMcp(definition), this::call));
    }
    return specifications;
  }

  McpSchema.Tool toMcp(ToolDefinition definition) {
    ToolAnnotations hints = definition.annotations();
    return McpSchema.Tool.builder(definition.name())
        .title(hints.title())
        .description(definition.description())
        .inputSchema(view(tools.advertisedInputSchema(definition)))
        .outputSchema(definition.outputSchema() == null ? null : view(definition.outputSchema()))
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

  CallToolResult call(McpSyncServerExchange exchange, CallToolRequest request) {
    JsonNode arguments =
        request.arguments() == null ? mapper.createObjectNode() : mapper.valueToTree(request.arguments());
    boolean dryRun = request.meta() != null && Boolean.TRUE.equals(request.meta().get(META_DRY_RUN));
    String session = exchange.sessionId() == null ? "stdio" : exchange.sessionId();
    ToolCallOutcome outcome = tools.call(new ToolCall(session, request.name(), arguments, dryRun));
    return toResult(outcome);
  }

  CallToolResult toResult(ToolCallOutcome outcome) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(META_DECISION, outcome.decision().name().toLowerCase(java.util.Locale.ROOT));
    meta.put(META_REASON, outcome.reasonCode());
    if (outcome.challengeId() != null) {
      meta.put(META_CHALLENGE, outcome.challengeId());
    }
    if (outcome.meta() != null) {
      meta.put(ToolCallOutcome.META_KEY, outcome.meta());
    }
    CallToolResult.Builder result =
        CallToolResult.builder().addTextContent(outcome.text()).isError(outcome.isError()).meta(meta);
    if (outcome.structuredContent() != null) {
      result.structuredContent(
          outcome.structuredContent() instanceof ObjectNode object ? view(object) : outcome.structuredContent());
    }
    return result.build();
  }

  /** Objects become a {@link JsonObjectMap} view (no conversion); anything else is converted. */
  private Map<String, Object> view(JsonNode node) {
    return node instanceof ObjectNode object ? new JsonObjectMap(object) : mapper.convertValue(node, MAP);
  }
}
