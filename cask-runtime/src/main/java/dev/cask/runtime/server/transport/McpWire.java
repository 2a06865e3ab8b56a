package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/** The JSON of the MCP wire, the same for both transports. */
final class McpWire {
  /**
   * One mapper for the process: Jackson builds a type's (de)serializers once per mapper, so the messages of the start-up
   * warm-up ({@link StdioTransport#warmUp}) leave them ready for the first real session. Never reconfigured after
   * construction (ObjectMapper is thread-safe for use).
   */
  private static final ObjectMapper SHARED = new ObjectMapper();

  private McpWire() {}

  /**
   * The MCP wire format is the SDK's, so it gets its own plain Jackson 2 mapper (Cask's strict mappers would reject
   * the unknown fields newer clients send); it is not used for any Cask file.
   */
  static ObjectMapper mapper() {
    return SHARED;
  }

  static McpJsonMapper json(ObjectMapper mapper) {
    return new JacksonMcpJsonMapper(mapper);
  }
}
