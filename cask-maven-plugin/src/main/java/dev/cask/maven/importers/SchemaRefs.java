package dev.cask.maven.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.schema.SchemaWalker;
import java.util.Map;

/**
 * Renames shared schemas inside schema trees: every {@code $ref} and {@code discriminator.mapping} value of the form
 * {@code #/$defs/<Name>[/...]} whose name is renamed is rewritten, in subschemas only ({@link SchemaWalker}): a
 * {@code "$ref"} inside an example, default, enum or const value is literal data and stays as written. Returns a new
 * tree; the input is not modified.
 */
final class SchemaRefs {
  private static final String PREFIX = "#/$defs/";

  private SchemaRefs() {}

  static JsonNode rename(JsonNode schema, Map<String, String> renames) {
    if (schema == null || renames.isEmpty()) {
      return schema;
    }
    JsonNode copy = schema.deepCopy();
    rewrite(copy, renames);
    return copy;
  }

  private static void rewrite(JsonNode root, Map<String, String> renames) {
    SchemaWalker.walk(root, (pointer, schema) -> {
      ObjectNode object = (ObjectNode) schema;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual()) {
        object.put("$ref", renamed(ref.asText(), renames));
      }
      JsonNode mapping = object.path("discriminator").path("mapping");
      if (mapping.isObject()) {
        mapping.properties().forEach(entry -> {
          if (entry.getValue().isTextual()) {
            ((ObjectNode) mapping).put(entry.getKey(), renamed(entry.getValue().asText(), renames));
          }
        });
      }
    });
  }

  static String renamed(String ref, Map<String, String> renames) {
    if (!ref.startsWith(PREFIX)) {
      return ref;
    }
    String rest = ref.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String token = slash < 0 ? rest : rest.substring(0, slash);
    String name = token.replace("~1", "/").replace("~0", "~");
    String target = renames.get(name);
    if (target == null) {
      return ref;
    }
    return PREFIX + target.replace("~", "~0").replace("/", "~1") + (slash < 0 ? "" : rest.substring(slash));
  }
}
