package dev.cask.runtime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON value comparison as a policy author expects it: numbers compare by value ({@code 1} equals {@code 1.0}), objects
 * by their members whatever the order, arrays element by element. Jackson's own {@code equals} tells {@code 1} from
 * {@code 1.0}, which would let an agent dodge a rule by writing a number differently.
 */
final class JsonValues {
  private JsonValues() {}

  static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode other = b.get(field.getKey());
        if (other == null || !equal(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Negative, zero or positive; both must be numbers. */
  static int compareNumbers(JsonNode a, JsonNode b) {
    return a.decimalValue().compareTo(b.decimalValue());
  }
}
