package dev.cask.maven.importers.otel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP/JSON attribute values in every encoding: {@code stringValue}, {@code intValue} (a JSON string per the protobuf
 * JSON mapping of int64, or a number as some SDKs write it), {@code doubleValue}, {@code boolValue},
 * {@code arrayValue}, {@code kvlistValue} and {@code bytesValue}.
 */
final class AnyValues {
  private AnyValues() {}

  /** Attribute key → value (arrays as lists of strings, scalars as strings); the last duplicate key wins. */
  static Map<String, Object> attributes(JsonNode attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonNode attribute : attributes) {
      JsonNode key = attribute.get("key");
      if (key == null || !key.isTextual()) {
        continue;
      }
      Object value = value(attribute.path("value"));
      if (value != null) {
        out.put(key.asText(), value);
      }
    }
    return out;
  }

  /** A scalar as its text, an array as a list of texts, null for anything else. */
  static Object value(JsonNode any) {
    if (any.has("stringValue")) {
      return any.get("stringValue").asText();
    }
    if (any.has("intValue")) {
      JsonNode value = any.get("intValue");
      return value.isNumber() ? Long.toString(value.asLong()) : value.asText();
    }
    if (any.has("doubleValue")) {
      JsonNode value = any.get("doubleValue");
      return value.isNumber() ? value.asText() : value.asText();
    }
    if (any.has("boolValue")) {
      return Boolean.toString(any.get("boolValue").asBoolean());
    }
    if (any.has("arrayValue")) {
      List<String> values = new ArrayList<>();
      for (JsonNode element : any.path("arrayValue").path("values")) {
        Object value = value(element);
        if (value instanceof String text) {
          values.add(text);
        }
      }
      return values;
    }
    if (any.has("bytesValue")) {
      return bytes(any.get("bytesValue").asText());
    }
    if (any.has("kvlistValue")) {
      List<String> pairs = new ArrayList<>();
      for (JsonNode pair : any.path("kvlistValue").path("values")) {
        Object value = value(pair.path("value"));
        pairs.add(pair.path("key").asText() + "=" + (value == null ? "" : value));
      }
      return pairs;
    }
    if (any.isTextual()) {
      return any.asText(); // lenient: a bare string value
    }
    return null;
  }

  /**
   * A {@code bytesValue} is base64 (the protobuf JSON mapping of bytes). A body or header recorded as bytes is read as
   * the UTF-8 text it holds, so that it is parsed and redacted like any other; bytes that are not UTF-8 text stay
   * base64.
   */
  static String bytes(String base64) {
    try {
      byte[] raw = Base64.getDecoder().decode(base64);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return base64;
    }
  }

  /** The attribute as one string (the first of an array), or null. */
  static String text(Map<String, Object> attributes, String... keys) {
    for (String key : keys) {
      Object value = attributes.get(key);
      if (value instanceof String text && !text.isEmpty()) {
        return text;
      }
      if (value instanceof List<?> list && !list.isEmpty()) {
        return String.join(", ", list.stream().map(String::valueOf).toList());
      }
    }
    return null;
  }
}
