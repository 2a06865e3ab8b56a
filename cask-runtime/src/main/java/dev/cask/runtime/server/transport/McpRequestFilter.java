package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP endpoint's requests, checked before the SDK's servlet reads them, and its error answers, made safe after:
 * the servlet answers a message it cannot use with a serialized Java exception (stack frames, class names) and a
 * refusal of its own with a container error page. Here:
 *
 * <ul>
 *   <li>{@code POST}: {@code Content-Type: application/json} ({@code 415}), an {@code Accept} that takes both
 *       {@code application/json} and {@code text/event-stream} ({@code 406}), at most the largest message
 *       ({@code 413}), one JSON value ({@code 400}, {@code -32700}) that is one JSON-RPC 2.0 message: no batch, the
 *       right version, a method or a result, a string or integer id ({@link JsonRpcRules}; {@code 400}, {@code -32600}); {@code initialize}
 *       with params the SDK can read ({@code 400}, {@code -32602}); every other message in a session
 *       ({@code Mcp-Session-Id}, {@code 400}). The body is parsed once here and handed on as the bytes it was.
 *   <li>{@code GET} (the listening stream) and {@code DELETE}: a session id ({@code 400}); {@code GET} also an
 *       {@code Accept} with {@code text/event-stream} ({@code 406}).
 *   <li>A {@code tools/call} in a session that exists is answered here with one JSON body ({@link DirectToolCalls});
 *       every other message goes on to the servlet.
 *   <li>Whatever error the servlet still answers (a session that does not exist is {@code 404}) goes out as a fixed
 *       JSON-RPC error for its status ({@link SafeErrorResponse}).
 * </ul>
 *
 * A {@code tools/call} refused here, or answered with an error status by the servlet, is audited by the core as a
 * refusal ({@link ProtocolErrors}).
 */
final class McpRequestFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(McpRequestFilter.class);
  static final String SESSION_HEADER = "Mcp-Session-Id";
  /** JSON-RPC's range for errors an implementation defines: refusals of the HTTP request itself. */
  static final int HTTP_REFUSED = -32000;

  private final transient ObjectMapper mapper;
  private final transient McpJsonMapper json;
  private final transient ProtocolErrors errors;
  private final int maxBytes;
  private final transient HttpSessions sessions;
  private final transient DirectToolCalls direct;

  McpRequestFilter(ObjectMapper mapper, McpJsonMapper json, ProtocolErrors errors, int maxBytes, HttpSessions sessions,
      DirectToolCalls direct) {
    this.mapper = mapper;
    this.json = json;
    this.errors = errors;
    this.maxBytes = maxBytes;
    this.sessions = sessions;
    this.direct = direct;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String session = request.getHeader(SESSION_HEADER);
    SafeErrorResponse safe = new SafeErrorResponse(response, errors);
    switch (request.getMethod()) {
      case "POST" -> post(request, safe, chain, session);
      case "GET" -> {
        if (!accepts(request, "text/event-stream")) {
          safe.refuse(HttpServletResponse.SC_NOT_ACCEPTABLE, HTTP_REFUSED, "Not Acceptable: Accept must include text/event-stream");
        } else if (isBlank(session)) {
          safe.refuse(HttpServletResponse.SC_BAD_REQUEST, HTTP_REFUSED, "Bad Request: Mcp-Session-Id header is required");
        } else {
          chain.doFilter(request, safe);
        }
      }
      case "DELETE" -> {
        if (isBlank(session)) {
          safe.refuse(HttpServletResponse.SC_BAD_REQUEST, HTTP_REFUSED, "Bad Request: Mcp-Session-Id header is required");
        } else {
          chain.doFilter(request, safe);
        }
      }
      default -> safe.refuse(HttpServletResponse.SC_METHOD_NOT_ALLOWED, HTTP_REFUSED, "Method Not Allowed");
    }
    safe.finish();
    if (!isBlank(session) && (safe.getStatus() == HttpServletResponse.SC_NOT_FOUND
        || (request.getMethod().equals("DELETE") && safe.getStatus() < 400))) {
      sessions.ended(session); // deleted, or the servlet no longer has it
    }
  }

  private void post(HttpServletRequest request, SafeErrorResponse response, FilterChain chain, String session)
      throws IOException, ServletException {
    String type = request.getContentType();
    if (type == null || !mediaType(type).equals("application/json")) {
      response.refuse(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, HTTP_REFUSED,
          "Unsupported Media Type: Content-Type must be application/json");
      return;
    }
    if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
      response.refuse(HttpServletResponse.SC_NOT_ACCEPTABLE, HTTP_REFUSED,
          "Not Acceptable: Accept must include application/json and text/event-stream");
      return;
    }
    if (request.getContentLengthLong() > maxBytes) {
      response.refuse(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, HTTP_REFUSED,
          "Content Too Large: at most " + maxBytes + " bytes");
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes);
    if (body == null) {
      response.refuse(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, HTTP_REFUSED,
          "Content Too Large: at most " + maxBytes + " bytes");
      return;
    }
    JsonNode message;
    try {
      message = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      LOG.warn("answered an MCP request that is not JSON with a JSON-RPC error");
      response.refuse(HttpServletResponse.SC_BAD_REQUEST, ProtocolErrors.PARSE_ERROR, "Parse error");
      return;
    }
    JsonRpcRules.Refusal refusal = refusal(message, session);
    if (refusal != null) {
      LOG.warn("refused an MCP request: {}", refusal.text());
      response.refuse(HttpServletResponse.SC_BAD_REQUEST, message, session, refusal.code(), refusal.text());
      return;
    }
    if (direct.answer(message, session, response)) {
      return;
    }
    response.answering(message, session);
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** What makes the message one the servlet must not see, or null. */
  private JsonRpcRules.Refusal refusal(JsonNode message, String session) {
    JsonRpcRules.Refusal shape = JsonRpcRules.check(message);
    if (shape != null) {
      return shape;
    }
    if (message.has("id") && McpSchema.METHOD_INITIALIZE.equals(message.path("method").textValue())) {
      return JsonRpcRules.readableInitialize(json, message.get("params")) ? null : JsonRpcRules.INITIALIZE_PARAMS;
    }
    return session == null || session.isBlank()
        ? new JsonRpcRules.Refusal(HTTP_REFUSED, "Bad Request: Mcp-Session-Id header is required (send initialize first)")
        : null;
  }

  /** The body, or null when it is longer than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? null : bytes;
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }

  /** Whether the {@code Accept} header names the media type, as the SDK's servlet reads it (the first header). */
  private static boolean accepts(HttpServletRequest request, String type) {
    String header = request.getHeader("Accept");
    if (header == null) {
      return false;
    }
    for (String range : header.split(",")) {
      if (mediaType(range).equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
