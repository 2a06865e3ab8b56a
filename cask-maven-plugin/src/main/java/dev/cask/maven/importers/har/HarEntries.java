package dev.cask.maven.importers.har;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.traffic.NameValue;
import dev.cask.maven.importers.traffic.RawBody;
import dev.cask.maven.importers.traffic.RawExchange;
import dev.cask.runtime.model.capture.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HAR entry → one raw call, tolerant of what real recorders write: missing or {@code -1} sizes (ignored), entries
 * without a response or with status 0 (aborted: no response), {@code postData.params} without text, base64 content,
 * {@code _resourceType} (Chrome), HTTP/2 pseudo headers ({@code :authority} ..., dropped later), status as text.
 */
final class HarEntries {
  private HarEntries() {}

  static RawExchange toRaw(JsonNode entry, int index, String source) {
    JsonNode request = entry.path("request");
    JsonNode response = entry.path("response");
    String url = text(request, "url");
    if (url == null) {
      url = fromPseudoHeaders(request.path("headers"));
    }
    int status = response.isObject() ? status(response.path("status")) : 0;
    if (response.has("_error") || entry.has("_error") || response.has("_failureText")) {
      status = status >= 100 ? status : 0;
    }
    String resourceType = text(entry, "_resourceType");
    return new RawExchange(
        index,
        new SourceRef(source, "entries/" + index),
        text(request, "method"),
        url,
        null,
        pairs(request.path("headers")),
        postData(request.path("postData")),
        status,
        pairs(response.path("headers")),
        content(response.path("content")),
        resourceType == null ? null : resourceType.toLowerCase(Locale.ROOT));
  }

  private static RawBody postData(JsonNode postData) {
    if (!postData.isObject()) {
      return RawBody.NONE;
    }
    List<NameValue> params = new ArrayList<>();
    for (JsonNode param : postData.path("params")) {
      if (param.hasNonNull("name") && !param.hasNonNull("fileName")) {
        params.add(new NameValue(param.get("name").asText(), text(param, "value")));
      }
    }
    return new RawBody(text(postData, "mimeType"), text(postData, "text"),
        "base64".equalsIgnoreCase(text(postData, "encoding")), params);
  }

  private static RawBody content(JsonNode content) {
    if (!content.isObject()) {
      return RawBody.NONE;
    }
    return new RawBody(text(content, "mimeType"), text(content, "text"),
        "base64".equalsIgnoreCase(text(content, "encoding")), List.of());
  }

  private static List<NameValue> pairs(JsonNode array) {
    List<NameValue> pairs = new ArrayList<>();
    for (JsonNode pair : array) {
      if (pair.hasNonNull("name")) {
        pairs.add(new NameValue(pair.get("name").asText(), text(pair, "value")));
      }
    }
    return pairs;
  }

  /** Some HTTP/2 captures only carry the URL in pseudo headers. */
  private static String fromPseudoHeaders(JsonNode headers) {
    String scheme = null;
    String authority = null;
    String path = null;
    for (JsonNode header : headers) {
      String name = header.path("name").asText("");
      switch (name) {
        case ":scheme" -> scheme = header.path("value").asText();
        case ":authority" -> authority = header.path("value").asText();
        case ":path" -> path = header.path("value").asText();
        default -> { }
      }
    }
    return scheme != null && authority != null && path != null ? scheme + "://" + authority + path : null;
  }

  private static int status(JsonNode node) {
    if (node.isIntegralNumber()) {
      return Math.max(0, node.asInt());
    }
    if (node.isTextual() && node.asText().matches("\\d{1,3}")) {
      return Integer.parseInt(node.asText());
    }
    return 0;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
