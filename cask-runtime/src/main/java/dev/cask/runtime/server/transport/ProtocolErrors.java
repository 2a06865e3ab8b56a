package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.spi.GovernedTools;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The JSON-RPC errors the transports answer themselves, for messages no session may handle (not JSON, not JSON-RPC 2.0,
 * out of the MCP lifecycle, an unknown session): fixed texts, the request's id when it has a valid one, never an
 * exception's text or a class name. A {@code tools/call} among them is refused by the governed core too, so it is
 * audited like every other refusal, although the client gets the protocol error.
 */
final class ProtocolErrors {
  static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;
  static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;
  static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;
  static final int INTERNAL_ERROR = McpSchema.ErrorCodes.INTERNAL_ERROR;
  /** Streamable HTTP: the session the request names does not exist (or no longer does). */
  static final int SESSION_NOT_FOUND = -32001;

  private final GovernedTools tools;
  private final ObjectMapper mapper;

  ProtocolErrors(GovernedTools tools, ObjectMapper mapper) {
    this.tools = tools;
    this.mapper = mapper;
  }

  /** The error answer to a message (a parsed tree, or null when it is not JSON), and the audit of a refused call. */
  byte[] refuse(JsonNode message, String session, int code, String text) {
    if (message != null && message.isObject() && McpSchema.METHOD_TOOLS_CALL.equals(message.path("method").textValue())) {
      JsonNode name = message.path("params").path("name");
      tools.refuse(session == null ? "" : session, name.isTextual() ? name.textValue() : "",
          "the tools/call was refused by the protocol: " + text);
    }
    return answer(message == null ? null : message.get("id"), code, text);
  }

  /** {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}}; the id only when it is a string or an integer. */
  byte[] answer(JsonNode id, int code, String text) {
    ObjectNode answer = mapper.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
    if (isValidId(id)) {
      answer.set("id", id);
    } else {
      answer.putNull("id");
    }
    answer.putObject("error").put("code", code).put("message", text);
    try {
      return mapper.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON-RPC error", e);
    }
  }

  static boolean isValidId(JsonNode id) {
    return id != null && (id.isTextual() || (id.isIntegralNumber() && id.canConvertToLong()));
  }
}
