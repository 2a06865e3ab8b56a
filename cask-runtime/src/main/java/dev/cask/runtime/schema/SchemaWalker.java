package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
    traverse(root, true, visitor);
  }

  /**
   * Calls {@code visitor} with every schema object, without working out pointers: for checks over large schemas (the
   * server checks GitHub's 6 MB of output schemas at start-up), where building each pointer costs more than the visit.
   */
  public static void visit(JsonNode root, Consumer<JsonNode> visitor) {
    traverse(root, false, (pointer, schema) -> visitor.accept(schema));
  }

  private static void traverse(JsonNode root, boolean pointers, BiConsumer<String, JsonNode> visitor) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    Deque<String> at = new ArrayDeque<>();
    pending.push(root);
    if (pointers) {
      at.push("");
    }
    while (!pending.isEmpty()) {
      JsonNode schema = pending.pop();
      String pointer = pointers ? at.pop() : null;
      if (!schema.isObject()) {
        continue; // boolean schemas have no subschemas
      }
      visitor.accept(pointer, schema);
      Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String keyword = field.getKey();
        JsonNode value = field.getValue();
        String here = pointers ? pointer + "/" + escape(keyword) : null;
        if (SINGLE.contains(keyword) && value.isObject()) {
          push(pending, at, value, here);
        } else if (MAP.contains(keyword) && value.isObject()) {
          value.fields().forEachRemaining(entry ->
              push(pending, at, entry.getValue(), here == null ? null : here + "/" + escape(entry.getKey())));
        } else if (ARRAY.contains(keyword) && value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            push(pending, at, value.get(i), here == null ? null : here + "/" + i);
          }
        }
      }
    }
  }

  private static void push(Deque<JsonNode> pending, Deque<String> at, JsonNode schema, String pointer) {
    pending.push(schema);
    if (pointer != null) {
      at.push(pointer);
    }
  }

  /** Escapes a key as a JSON pointer token. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
