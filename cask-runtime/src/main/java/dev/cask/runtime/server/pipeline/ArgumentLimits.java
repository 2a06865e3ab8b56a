package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * What every argument value must be, whatever the tool, before anything computes with it: numbers that are IEEE
 * doubles (the numbers of JSON clients, of RFC 8785 canonical JSON and of the confirmation binding), no deeper than
 * {@value #MAX_DEPTH} levels. A number beyond the double range (such as {@code 1e99999}) has no canonical form, and a
 * whole number beyond 2^53 has several numbers for one canonical form, so an approval bound to one would let another
 * through. Deep nesting is refused before the validator, the policy and the request builder walk it. The walk is
 * iterative, so no value can overflow the stack here.
 */
final class ArgumentLimits {
  /** The deepest nesting of arrays and objects accepted in the arguments (the arguments object is level 1). */
  static final int MAX_DEPTH = 64;
  /** The largest magnitude up to which every whole number is exactly a double (2^53). */
  static final long MAX_EXACT_INTEGER = 1L << 53;
  private static final BigInteger MAX_EXACT = BigInteger.valueOf(MAX_EXACT_INTEGER);

  private ArgumentLimits() {}

  /** What is wrong with the value, naming where, or null when it is within the limits. */
  static String problem(JsonNode arguments) {
    Deque<Level> pending = new ArrayDeque<>();
    pending.push(new Level(null, null, arguments, 1));
    while (!pending.isEmpty()) {
      Level level = pending.pop();
      JsonNode node = level.node;
      if (node.isContainerNode()) {
        if (level.depth > MAX_DEPTH) {
          return level.path() + ": nested deeper than " + MAX_DEPTH + " levels";
        }
        if (node.isObject()) {
          Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            pending.push(new Level(level, field.getKey(), field.getValue(), level.depth + 1));
          }
        } else {
          for (int i = 0; i < node.size(); i++) {
            pending.push(new Level(level, i, node.get(i), level.depth + 1));
          }
        }
      } else if (node.isNumber()) {
        String problem = numberProblem(node);
        if (problem != null) {
          return level.path() + ": " + problem;
        }
      }
    }
    return null;
  }

  private static String numberProblem(JsonNode number) {
    if (number.isIntegralNumber()) {
      BigInteger value = number.bigIntegerValue();
      return value.abs().compareTo(MAX_EXACT) > 0
          ? "a whole number beyond ±" + MAX_EXACT_INTEGER + " (2^53), which JSON clients and canonical JSON cannot hold"
              + " exactly; send it as a string if the API takes one"
          : null;
    }
    double value = number.doubleValue();
    return Double.isFinite(value) ? null : "a number beyond the range of a JSON number (an IEEE double)";
  }

  /** A value and how it was reached; the path is spelled out only for the one value reported. */
  private record Level(Level parent, Object key, JsonNode node, int depth) {
    String path() {
      StringBuilder path = new StringBuilder();
      for (Level level = this; level.parent != null; level = level.parent) {
        path.insert(0, level.key instanceof Integer index ? "[" + index + "]" : "." + Texts.printable((String) level.key));
      }
      return path.insert(0, '$').toString();
    }
  }
}
