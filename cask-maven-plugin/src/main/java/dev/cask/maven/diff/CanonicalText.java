package dev.cask.maven.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cask.runtime.json.CanonicalJson;
import java.nio.charset.StandardCharsets;

/** RFC 8785 text of any JSON value, scalars included (the canonicalizer itself only takes objects and arrays). */
final class CanonicalText {
  private CanonicalText() {}

  static String of(JsonNode value) {
    if (value.isContainerNode()) {
      return new String(CanonicalJson.canonicalBytes(value), StandardCharsets.UTF_8);
    }
    String wrapped = new String(
        CanonicalJson.canonicalBytes(JsonNodeFactory.instance.arrayNode().add(value)), StandardCharsets.UTF_8);
    return wrapped.substring(1, wrapped.length() - 1);
  }
}
