package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading optional plain values out of a description's tree. */
final class JsonValues {
  private JsonValues() {}

  /** The field's value as text when it is a string, number or boolean; null when absent, null or a structure. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }
}
