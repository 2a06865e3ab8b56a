package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.TreeSet;

/** Where two JSON values first differ, as a JSON pointer and both sides (numbers compared by value). */
final class JsonDifference {
  private static final int MAX_SHOWN = 80;

  private JsonDifference() {}

  static String first(JsonNode recorded, JsonNode sent) {
    String found = at("", recorded, sent);
    return found == null ? "equal" : found;
  }

  private static String at(String pointer, JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : describe(pointer, a, b);
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!a.has(name)) {
          return "at " + child + ": the tool sends " + shown(b.get(name)) + ", the recorded call had no such member";
        }
        if (!b.has(name)) {
          return "at " + child + ": recorded " + shown(a.get(name)) + ", the tool does not send it";
        }
        String inner = at(child, a.get(name), b.get(name));
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (a.isArray() && b.isArray()) {
      Iterator<JsonNode> left = a.elements();
      Iterator<JsonNode> right = b.elements();
      int index = 0;
      while (left.hasNext() && right.hasNext()) {
        String inner = at(pointer + "/" + index++, left.next(), right.next());
        if (inner != null) {
          return inner;
        }
      }
      return a.size() == b.size() ? null : "at " + pointer + ": recorded " + a.size() + " items, the tool sends " + b.size();
    }
    return a.equals(b) ? null : describe(pointer, a, b);
  }

  private static String describe(String pointer, JsonNode a, JsonNode b) {
    return "at " + (pointer.isEmpty() ? "/" : pointer) + ": recorded " + shown(a) + ", the tool sends " + shown(b);
  }

  private static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN - 1) + "…" : text;
  }
}
