package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Just enough JSON Schema reading to type recovered arguments: a property's schema, local {@code $ref}s into the
 * tool's own {@code $defs}, and the first non-null {@code type}. A schema this does not understand types nothing
 * (values stay text, and the runtime's validation decides).
 */
final class Schemas {
  private static final int MAX_REFS = 32;

  private Schemas() {}

  static JsonNode property(JsonNode schema, String name) {
    JsonNode properties = schema == null ? null : schema.get("properties");
    JsonNode property = properties == null ? null : properties.get(name);
    return property == null ? MissingNode.getInstance() : property;
  }

  /** Follows {@code #/...} references within {@code root}. */
  static JsonNode resolve(JsonNode schema, JsonNode root) {
    JsonNode current = schema;
    for (int i = 0; i < MAX_REFS && current != null && current.has("$ref"); i++) {
      String ref = current.path("$ref").asText();
      if (!ref.startsWith("#")) {
        return MissingNode.getInstance();
      }
      current = root.at(ref.substring(1));
    }
    return current == null ? MissingNode.getInstance() : current;
  }

  static boolean isArray(JsonNode schema, JsonNode root) {
    return "array".equals(scalarType(schema, root));
  }

  /** The schema's type, the first that is not {@code null} when it lists several; null when it has none. */
  static String scalarType(JsonNode schema, JsonNode root) {
    JsonNode type = resolve(schema, root).get("type");
    if (type == null) {
      return null;
    }
    if (type.isTextual()) {
      return type.textValue();
    }
    for (JsonNode item : type) {
      if (!item.asText().equals("null")) {
        return item.asText();
      }
    }
    return null;
  }
}
