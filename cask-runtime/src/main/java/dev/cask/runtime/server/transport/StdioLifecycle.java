package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP lifecycle on stdio, enforced before the SDK's session sees a message (the session would queue a request sent
 * before initialization and run it once a {@code notifications/initialized} arrives, whether or not {@code initialize}
 * came first). In order: {@code initialize} (its params must be readable), then {@code notifications/initialized},
 * then everything else. Until then a request other than {@code ping} gets {@code -32600} and runs nothing (a refused
 * {@code tools/call} is audited), a notification is dropped, and {@code ping} is answered at once. A second
 * {@code initialize} is refused. One reader at a time calls {@link #admit}, in the order of the lines.
 */
final class StdioLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(StdioLifecycle.class);

  private enum State { NEW, INITIALIZED, READY }

  private final ObjectMapper mapper;
  private final McpJsonMapper json;
  private final ProtocolErrors errors;
  private final String session;
  private volatile State state = State.NEW;

  StdioLifecycle(ObjectMapper mapper, McpJsonMapper json, ProtocolErrors errors, String session) {
    this.mapper = mapper;
    this.json = json;
    this.errors = errors;
    this.session = session;
  }

  /** Whether the session may handle the message; if not, the answer (if any) is written here. */
  boolean admit(McpSchema.JSONRPCMessage message, StdioTransport.LineWriter out) {
    if (message instanceof McpSchema.JSONRPCRequest request) {
      return admitRequest(request, out);
    }
    if (message instanceof McpSchema.JSONRPCNotification notification && state != State.READY) {
      if (state == State.INITIALIZED && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(notification.method())) {
        state = State.READY;
        return true;
      }
      if (McpSchema.METHOD_TOOLS_CALL.equals(notification.method())) {
        errors.refuse(tree(notification.method(), null, notification.params()), session, ProtocolErrors.INVALID_REQUEST,
            notInitialized());
      }
      LOG.warn("dropped the notification {} sent before the session was initialized", printable(notification.method()));
      return false;
    }
    return true; // answers to the server's own requests, which it sends only in a ready session
  }

  private boolean admitRequest(McpSchema.JSONRPCRequest request, StdioTransport.LineWriter out) {
    if (McpSchema.METHOD_INITIALIZE.equals(request.method())) {
      if (state != State.NEW) {
        return refuse(request, out, ProtocolErrors.INVALID_REQUEST, "Invalid Request: the session is already initialized");
      }
      if (!JsonRpcRules.readableInitialize(json, request.params())) {
        return refuse(request, out, JsonRpcRules.INITIALIZE_PARAMS.code(), JsonRpcRules.INITIALIZE_PARAMS.text());
      }
      state = State.INITIALIZED;
      return true;
    }
    if (state == State.READY) {
      return true;
    }
    if (McpSchema.METHOD_PING.equals(request.method())) {
      out.writeLine(("{\"jsonrpc\":\"2.0\",\"id\":" + idJson(request.id()) + ",\"result\":{}}").getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return refuse(request, out, ProtocolErrors.INVALID_REQUEST, notInitialized());
  }

  private String notInitialized() {
    return state == State.NEW
        ? "Invalid Request: the session is not initialized; send initialize first"
        : "Invalid Request: the session is not initialized; send notifications/initialized first";
  }

  private boolean refuse(McpSchema.JSONRPCRequest request, StdioTransport.LineWriter out, int code, String text) {
    LOG.warn("refused the request {}: {}", printable(request.method()), text);
    out.writeLine(errors.refuse(tree(request.method(), request.id(), request.params()), session, code, text));
    return false;
  }

  private JsonNode tree(String method, Object id, Object params) {
    var node = mapper.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION).put("method", method);
    if (id != null) {
      node.set("id", mapper.valueToTree(id));
    }
    if (params != null) {
      node.set("params", mapper.valueToTree(params));
    }
    return node;
  }

  private String idJson(Object id) {
    return mapper.valueToTree(id).toString();
  }

  /** The method for the log when it looks like one; anything else is not echoed (it is the client's text). */
  private static String printable(String method) {
    return method.matches("[A-Za-z0-9/_.$-]{1,64}") ? method : "(a method with an unusual name)";
  }
}
