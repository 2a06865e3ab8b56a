package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/** The JSON of the MCP wire, the same for both transports. */
final class McpWire {
  private McpWire() {}

  /**
   * The MCP wire format is the SDK's, so it gets its own plain Jackson 2 mapper (Cask's strict mappers would reject
   * the unknown fields newer clients send); it is not used for any Cask file.
   */
  static ObjectMapper mapper() {
    return new ObjectMapper();
  }

  static McpJsonMapper json(ObjectMapper mapper) {
    return new JacksonMcpJsonMapper(mapper);
  }
}
