package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;

/** The one place both transports configure the SDK server the same way. */
final class McpServers {
  private McpServers() {}

  /**
   * The MCP wire format is the SDK's, so it gets its own plain Jackson 2 mapper (Cask's strict mappers would reject
   * the unknown fields newer clients send); it is not used for any Cask file.
   */
  static ObjectMapper wireMapper() {
    return new ObjectMapper();
  }

  static McpJsonMapper json(ObjectMapper mapper) {
    return new JacksonMcpJsonMapper(mapper);
  }

  static McpSyncServer build(McpServer.SyncSpecification<?> spec, McpTools tools, ServerInfo info, McpJsonMapper json) {
    spec.jsonMapper(json)
        .serverInfo(info.name(), info.version())
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
        // The governed core validates arguments itself (and audits the denial); a second, SDK-side validation would
        // answer before the core sees the call and leave no audit record.
        .validateToolInputs(false)
        .jsonSchemaValidator(new ToolSchemas(tools.mapper()))
        .requestTimeout(Duration.ofMinutes(2))
        .tools(tools.specifications());
    if (info.instructions() != null) {
      spec.instructions(info.instructions());
    }
    return spec.build();
  }
}
