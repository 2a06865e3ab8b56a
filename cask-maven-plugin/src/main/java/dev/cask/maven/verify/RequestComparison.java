package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.replay.BuiltRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether the runtime's request reproduces a recorded one: method, scheme, host, path, query and body. Query pairs
 * compare as a multiset per name (the order of different names carries no meaning; the order of one repeated name
 * does), numbers by value ({@code 2} = {@code 2.0}), JSON bodies JSON-equal, form bodies field by field. Redacted
 * values were recorded redacted and are replayed redacted, so they compare as the markers they are. Query
 * parameters that carry the operator's credential are the runtime's business, not the tool's, and are left out.
 */
final class RequestComparison {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private RequestComparison() {}

  /** The first difference, or null when the built request reproduces the recorded one. */
  static String firstDifference(
      RecordedExchange.Request recorded, Urls url, BuiltRequest built, Set<String> credentialQueryNames) {
    if (recorded.method() != built.method()) {
      return "method: recorded " + recorded.method() + ", the tool sends " + built.method();
    }
    if (!url.scheme().equals(built.scheme()) && !(url.scheme().equals("http") && built.scheme().equals("https"))) {
      return "scheme: recorded " + url.scheme() + ", the tool sends " + built.scheme();
    }
    Urls sent = Urls.parse(built.url());
    if (!url.hostKey().equals(sent.hostKey())) {
      return "host: recorded " + url.hostKey() + ", the tool sends " + sent.hostKey();
    }
    String path = pathDifference(url.segments(), sent.segments());
    if (path != null) {
      return path;
    }
    String query = queryDifference(url.query(), sent.query(), credentialQueryNames);
    if (query != null) {
      return query;
    }
    return bodyDifference(recorded, built);
  }

  private static String pathDifference(List<String> recorded, List<String> sent) {
    int common = Math.min(recorded.size(), sent.size());
    for (int i = 0; i < common; i++) {
      String a = Urls.decode(recorded.get(i), false);
      String b = Urls.decode(sent.get(i), false);
      if (!a.equals(b) && !sameNumber(a, b)) {
        return "path segment " + (i + 1) + ": recorded '" + a + "', the tool sends '" + b + "'";
      }
    }
    if (recorded.size() != sent.size()) {
      return "path: recorded /" + String.join("/", recorded) + ", the tool sends /" + String.join("/", sent);
    }
    return null;
  }

  private static String queryDifference(
      List<Map.Entry<String, String>> recorded, List<Map.Entry<String, String>> sent, Set<String> credentialNames) {
    Map<String, List<String>> was = byName(recorded, credentialNames);
    Map<String, List<String>> now = byName(sent, Set.of());
    Set<String> names = new TreeSet<>(was.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      List<String> a = was.get(name);
      List<String> b = now.get(name);
      if (a == null) {
        return "query parameter '" + name + "': the tool sends " + b + ", the recorded call had none";
      }
      if (b == null) {
        return "query parameter '" + name + "': recorded " + a + ", the tool does not send it";
      }
      if (!sameValues(a, b)) {
        return "query parameter '" + name + "': recorded " + a + ", the tool sends " + b;
      }
    }
    return null;
  }

  private static Map<String, List<String>> byName(List<Map.Entry<String, String>> pairs, Set<String> left) {
    Map<String, List<String>> map = new TreeMap<>();
    for (Map.Entry<String, String> pair : pairs) {
      if (!left.contains(pair.getKey().toLowerCase(Locale.ROOT))) {
        map.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
      }
    }
    return map;
  }

  private static boolean sameValues(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i)) && !sameNumber(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String bodyDifference(RecordedExchange.Request recorded, BuiltRequest built) {
    byte[] bytes = built.body();
    boolean recordedBody = recorded.mediaType() != null;
    if (!recordedBody && bytes == null) {
      return null;
    }
    if (!recordedBody) {
      return "body: the tool sends a " + built.contentType() + " body, the recorded call had none";
    }
    if (bytes == null) {
      return "body: recorded a " + recorded.mediaType() + " body, the tool sends none";
    }
    String sentType = mediaType(built.contentType());
    if (!sentType.equals(recorded.mediaType())) {
      return "body media type: recorded " + recorded.mediaType() + ", the tool sends " + sentType;
    }
    if (recorded.body() == null) {
      return null; // not kept (text, binary, too large): only its media type can be compared
    }
    JsonNode sent;
    if (sentType.startsWith("application/x-www-form-urlencoded")) {
      sent = formObject(Urls.pairs(new String(bytes, StandardCharsets.US_ASCII)));
      if (!formEqual(recorded.body(), sent)) {
        return "form body: recorded " + recorded.body() + ", the tool sends " + sent;
      }
      return null;
    }
    try {
      sent = CaskMappers.json().readTree(bytes);
    } catch (java.io.IOException e) {
      return "body: the tool sends a body that is not JSON";
    }
    if (!recorded.body().equals(NUMBERS_BY_VALUE, sent)) {
      return "JSON body: " + JsonDifference.first(recorded.body(), sent);
    }
    return null;
  }

  private static JsonNode formObject(List<Map.Entry<String, String>> pairs) {
    com.fasterxml.jackson.databind.node.ObjectNode object = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, String> pair : pairs) {
      JsonNode existing = object.get(pair.getKey());
      if (existing == null) {
        object.put(pair.getKey(), pair.getValue());
      } else if (existing.isArray()) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) existing).add(pair.getValue());
      } else {
        object.putArray(pair.getKey()).add(existing).add(pair.getValue());
      }
    }
    return object;
  }

  /** Form fields are text on the wire: compare the text of each value, numbers by value. */
  private static boolean formEqual(JsonNode recorded, JsonNode sent) {
    if (!recorded.isObject() || recorded.size() != sent.size()) {
      return false;
    }
    for (var it = recorded.fields(); it.hasNext(); ) {
      var field = it.next();
      JsonNode other = sent.get(field.getKey());
      if (other == null || !sameValues(texts(field.getValue()), texts(other))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> texts(JsonNode value) {
    List<String> texts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(item -> texts.add(item.asText()));
    } else {
      texts.add(value.asText());
    }
    return texts;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
