package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What both transports accept as one message, checked on the parsed tree before the MCP SDK sees it: one JSON-RPC 2.0
 * object ({@code "jsonrpc": "2.0"}, no batch), with a string method or a result or error, and an id that is a string
 * or an integer where a request has one (an answer may have none); and params of {@code initialize} the SDK can read (it would otherwise answer with
 * its exception's text).
 */
final class JsonRpcRules {
  /** Why a message is refused: a JSON-RPC error code and its fixed text. */
  record Refusal(int code, String text) {}

  static final Refusal INVALID = new Refusal(ProtocolErrors.INVALID_REQUEST, "Invalid Request");
  static final Refusal BATCH = new Refusal(ProtocolErrors.INVALID_REQUEST, "Invalid Request: batches are not supported");
  static final Refusal VERSION = new Refusal(ProtocolErrors.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
  static final Refusal INITIALIZE_PARAMS = new Refusal(ProtocolErrors.INVALID_PARAMS,
      "Invalid params: initialize needs an object with protocolVersion, capabilities and clientInfo");

  private JsonRpcRules() {}

  /** Why the tree is not one JSON-RPC 2.0 message, or null when it is one. */
  static Refusal check(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return tree != null && tree.isArray() ? BATCH : INVALID;
    }
    if (!McpSchema.JSONRPC_VERSION.equals(tree.path("jsonrpc").textValue())) {
      return VERSION;
    }
    JsonNode method = tree.get("method");
    JsonNode id = tree.get("id");
    if (method == null) {
      // an answer from the client; one without an id (an error about a message it could not read) is dropped later
      boolean answer = tree.has("result") || tree.has("error");
      return answer && (id == null || id.isNull() || ProtocolErrors.isValidId(id)) ? null : INVALID;
    }
    return method.isTextual() && (id == null || ProtocolErrors.isValidId(id)) ? null : INVALID;
  }

  /** Whether the SDK can read these params of {@code initialize}. */
  static boolean readableInitialize(McpJsonMapper json, Object params) {
    if (!(params instanceof JsonNode tree) || !tree.isObject()) {
      return false;
    }
    try {
      json.convertValue(tree, new TypeRef<McpSchema.InitializeRequest>() {});
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
