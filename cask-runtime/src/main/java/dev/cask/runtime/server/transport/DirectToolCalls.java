package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code tools/call} over Streamable HTTP answered with one JSON body ({@code Content-Type: application/json}, which
 * the specification lets a server choose for any request and every client must read) on the thread that received it,
 * instead of through the SDK's provider, which opens an event stream per request, blocks on a Reactor pipeline, reads
 * the message twice and takes a random event id from the blocking {@code NativePRNG}: about a third of the server's
 * CPU per call. The call itself is the same: {@link McpProtocol#call}, the handler the SDK's session would run, with
 * the same session id in the audit record and the same fixed error texts.
 *
 * <p>Only calls that cannot need the client during the call are answered here: the session must exist (otherwise the
 * provider answers 404, as before), and when confirmations may be asked in the client (MCP elicitation, off unless
 * {@code --elicitation}) a client that declared elicitation keeps the event stream the question travels on.
 */
final class DirectToolCalls {
  private static final Logger LOG = LoggerFactory.getLogger(DirectToolCalls.class);

  private final HttpSessions sessions;
  private final McpProtocol protocol;
  private final ObjectMapper mapper;
  private final boolean elicitation;

  DirectToolCalls(HttpSessions sessions, McpProtocol protocol, ObjectMapper mapper, boolean elicitation) {
    this.sessions = sessions;
    this.protocol = protocol;
    this.mapper = mapper;
    this.elicitation = elicitation;
  }

  /** Answers the message when it is a {@code tools/call} this class takes; false leaves it to the SDK's provider. */
  boolean answer(JsonNode message, String session, HttpServletResponse response) {
    if (!message.has("id") || !McpSchema.METHOD_TOOLS_CALL.equals(message.path("method").textValue())) {
      return false;
    }
    Boolean clientElicits = sessions.clientElicits(session);
    if (clientElicits == null || (elicitation && clientElicits)) {
      return false;
    }
    Object id = id(message.get("id"));
    McpSchema.JSONRPCResponse answer;
    try {
      answer = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, protocol.call(session, message.get("params")),
          null);
    } catch (McpError e) {
      answer = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null, e.getJsonRpcError());
    }
    try {
      JsonErrors.send(response, HttpServletResponse.SC_OK, bytes(answer));
    } catch (IOException e) {
      // the client went away while its call ran: the call and its audit record stand, only the answer is lost
      LOG.warn("a tools/call answer could not be written to the client: {}", e.toString());
    }
    return true;
  }

  /** The id as the SDK reads it (a string, or an integer as an Integer or Long): {@link JsonRpcRules} let no other in. */
  private static Object id(JsonNode id) {
    return id.isTextual() ? id.textValue() : id.numberValue();
  }

  private byte[] bytes(McpSchema.JSONRPCResponse answer) {
    try {
      return mapper.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tools/call answer", e);
    }
  }
}
