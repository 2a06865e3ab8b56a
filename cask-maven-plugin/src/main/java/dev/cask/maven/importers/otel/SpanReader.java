package dev.cask.maven.importers.otel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.traffic.NameValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the HTTP facts of a span from its attributes, in both the stable HTTP semantic conventions and the legacy ones:
 *
 * <table>
 *   <caption>attributes read (first found wins)</caption>
 *   <tr><th>fact</th><th>stable</th><th>legacy</th></tr>
 *   <tr><td>method</td><td>http.request.method</td><td>http.method</td></tr>
 *   <tr><td>URL</td><td>url.full; or url.scheme + server.address + server.port + url.path + url.query</td>
 *       <td>http.url; or http.scheme + http.host / net.host.name + net.host.port / net.peer.name + net.peer.port + http.target</td></tr>
 *   <tr><td>route</td><td>http.route</td><td>http.route</td></tr>
 *   <tr><td>status</td><td>http.response.status_code</td><td>http.status_code</td></tr>
 *   <tr><td>headers</td><td>http.request.header.&lt;name&gt;, http.response.header.&lt;name&gt;</td><td>same, with _ for -</td></tr>
 *   <tr><td>bodies</td><td colspan="2">http.request.body(.content), http.response.body(.content) — not standard; read when present</td></tr>
 * </table>
 */
final class SpanReader {
  private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("\\d{1,3}");
  private static final java.util.regex.Pattern HEX_ID = java.util.regex.Pattern.compile("[0-9a-fA-F]{16}|[0-9a-fA-F]{32}");
  private static final String REQUEST_HEADER = "http.request.header.";
  private static final String RESPONSE_HEADER = "http.response.header.";

  private SpanReader() {}

  /** The span's HTTP facts, or null when it is not an HTTP span. */
  static HttpSpan read(JsonNode span, int order) {
    Map<String, Object> attributes = AnyValues.attributes(span.path("attributes"));
    String method = AnyValues.text(attributes, "http.request.method", "http.method");
    if (method == null) {
      return null;
    }
    if (method.equals("_OTHER")) {
      method = AnyValues.text(attributes, "http.request.method_original");
    }
    String kind = kind(span.path("kind"));
    String url = url(attributes, kind);
    String statusText = AnyValues.text(attributes, "http.response.status_code", "http.status_code");
    int status = statusText != null && STATUS.matcher(statusText).matches() ? Integer.parseInt(statusText) : 0;
    List<NameValue> requestHeaders = new ArrayList<>();
    List<NameValue> responseHeaders = new ArrayList<>();
    attributes.forEach((key, value) -> {
      if (key.startsWith(REQUEST_HEADER)) {
        requestHeaders.add(header(key.substring(REQUEST_HEADER.length()), value));
      } else if (key.startsWith(RESPONSE_HEADER)) {
        responseHeaders.add(header(key.substring(RESPONSE_HEADER.length()), value));
      }
    });
    return new HttpSpan(
        order,
        id(span.path("traceId").asText("")),
        id(span.path("spanId").asText("")),
        id(span.path("parentSpanId").asText("")),
        kind,
        method,
        url,
        AnyValues.text(attributes, "http.route"),
        status,
        requestHeaders,
        responseHeaders,
        AnyValues.text(attributes, "http.request.body", "http.request.body.content"),
        AnyValues.text(attributes, "http.response.body", "http.response.body.content"));
  }

  private static NameValue header(String name, Object value) {
    String headerName = name.replace('_', '-');
    String text = value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
    return new NameValue(headerName, text);
  }

  private static String url(Map<String, Object> a, String kind) {
    String full = AnyValues.text(a, "url.full", "http.url");
    if (full != null && full.contains("://")) {
      return full;
    }
    String scheme = AnyValues.text(a, "url.scheme", "http.scheme");
    String host = AnyValues.text(a, "server.address");
    String port = AnyValues.text(a, "server.port");
    if (host == null) {
      String httpHost = AnyValues.text(a, "http.host");
      if (httpHost != null) {
        host = httpHost;
        port = null;
      } else if (kind.equals("server")) {
        host = AnyValues.text(a, "net.host.name");
        port = AnyValues.text(a, "net.host.port");
      } else {
        host = AnyValues.text(a, "net.peer.name");
        port = AnyValues.text(a, "net.peer.port");
      }
    }
    if (host == null) {
      return null;
    }
    String path = AnyValues.text(a, "url.path");
    String query = AnyValues.text(a, "url.query");
    String target = AnyValues.text(a, "http.target");
    if (path == null && target != null) {
      path = target;
      query = null;
    }
    if (path == null) {
      path = full != null && full.startsWith("/") ? full : "/";
    }
    if (scheme == null) {
      scheme = "443".equals(port) ? "https" : "http";
    }
    StringBuilder url = new StringBuilder(scheme.toLowerCase(Locale.ROOT)).append("://").append(host);
    if (port != null && !host.contains(":") && !isDefault(scheme, port)) {
      url.append(':').append(port);
    }
    url.append(path.startsWith("/") ? path : "/" + path);
    if (query != null && !query.isEmpty()) {
      url.append('?').append(query.startsWith("?") ? query.substring(1) : query);
    }
    return url.toString();
  }

  private static boolean isDefault(String scheme, String port) {
    return ("https".equalsIgnoreCase(scheme) && port.equals("443")) || ("http".equalsIgnoreCase(scheme) && port.equals("80"));
  }

  /** {@code 2}/{@code SPAN_KIND_SERVER} → server, {@code 3}/{@code SPAN_KIND_CLIENT} → client. */
  static String kind(JsonNode kind) {
    String text = kind.asText("");
    return switch (text) {
      case "2", "SPAN_KIND_SERVER" -> "server";
      case "3", "SPAN_KIND_CLIENT" -> "client";
      default -> "other";
    };
  }

  /** Ids are hex in OTLP/JSON; the protobuf JSON mapping (base64) is accepted and converted. */
  static String id(String raw) {
    if (raw.isEmpty()) {
      return "";
    }
    if (HEX_ID.matcher(raw).matches()) {
      return raw.toLowerCase(Locale.ROOT);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(raw);
      if (bytes.length == 8 || bytes.length == 16) {
        return HexFormat.of().formatHex(bytes);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    return raw.replaceAll("[^0-9A-Za-z]", "").toLowerCase(Locale.ROOT);
  }
}
