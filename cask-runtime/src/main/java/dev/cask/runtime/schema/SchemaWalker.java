package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Visits every subschema of a JSON Schema (2020-12, with the older {@code definitions}, {@code additionalItems} and
 * array {@code items}), following the keywords whose values are schemas and nothing else. Values of {@code examples},
 * {@code default}, {@code const}, {@code enum} and property <em>names</em> are data: a {@code "$ref"} inside them is
 * not a reference and must not be treated as one.
 *
 * <p>Iterative, so deeply nested schemas cannot overflow the stack.
 */
public final class SchemaWalker {
  private static final Set<String> SINGLE =
      Set.of(
          "additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames",
          "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema");
  private static final Set<String> MAP = Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
  private static final Set<String> ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems", "items");

  private SchemaWalker() {}

  /** Calls {@code visitor} with every schema object and its JSON pointer (the root is {@code ""}). */
  public static void walk(JsonNode root, BiConsumer<String, JsonNode> visitor) {
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", root));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      String pointer = next.getKey();
      JsonNode schema = next.getValue();
      if (!schema.isObject()) {
        continue; // boolean schemas have no subschemas
      }
      visitor.accept(pointer, schema);
      Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String keyword = field.getKey();
        JsonNode value = field.getValue();
        String at = pointer + "/" + escape(keyword);
        if (SINGLE.contains(keyword) && value.isObject()) {
          pending.push(Map.entry(at, value));
        } else if (MAP.contains(keyword) && value.isObject()) {
          value.fields().forEachRemaining(entry -> pending.push(Map.entry(at + "/" + escape(entry.getKey()), entry.getValue())));
        } else if (ARRAY.contains(keyword) && value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            pending.push(Map.entry(at + "/" + i, value.get(i)));
          }
        }
      }
    }
  }

  /** Escapes a key as a JSON pointer token. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
