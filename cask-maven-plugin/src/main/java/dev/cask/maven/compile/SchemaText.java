package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies {@link DescriptionText#clean} to every {@code description} and {@code title} inside a schema (in place). */
final class SchemaText {
  private SchemaText() {}

  static ObjectNode clean(ObjectNode schema) {
    walk(schema);
    return schema;
  }

  private static void walk(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        if ((key.equals("description") || key.equals("title")) && value.isTextual()) {
          object.put(key, DescriptionText.clean(value.asText()));
        } else {
          walk(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(SchemaText::walk);
    }
  }
}
