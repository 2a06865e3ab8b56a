package dev.cask.runtime.server.transport;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Small fixed JSON bodies for the HTTP refusals Cask itself sends (no reflection of request data, no exception text):
 * {@code {"error":…,"message":…}} outside the MCP endpoint, a JSON-RPC error on it.
 */
final class JsonErrors {
  private JsonErrors() {}

  static void send(HttpServletResponse response, int status, String error, String message) throws IOException {
    send(response, status, body(error, message));
  }

  /** A status with its fixed body: the error token and the reason phrase of the status. */
  static void send(HttpServletResponse response, int status) throws IOException {
    send(response, status, body(status));
  }

  /**
   * Writes a finished JSON body with the status; nothing else of the response is kept. (Also the one writer of a
   * {@code tools/call} answered directly, {@link DirectToolCalls}.)
   */
  static void send(HttpServletResponse response, int status, byte[] body) throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** {@code {"error":"method_not_allowed","message":"Method Not Allowed"}} for a status. */
  static byte[] body(int status) {
    String reason = reason(status);
    return body(reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), reason);
  }

  static String reason(int status) {
    String reason = HttpStatus.getMessage(status);
    return reason == null || reason.isEmpty() ? "Error" : reason;
  }

  private static byte[] body(String error, String message) {
    return ("{\"error\":\"" + escape(error) + "\",\"message\":\"" + escape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
