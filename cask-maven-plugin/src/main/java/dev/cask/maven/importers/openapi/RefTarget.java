package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@code $ref} points to.
 *
 * @param document the document that holds the target
 * @param pointer the JSON pointer of the target inside it ({@code ""} for the whole document)
 * @param node the target value
 */
record RefTarget(SpecDocument document, String pointer, JsonNode node) {
  /** Identity of the target across documents. */
  String key() {
    return document.id() + "#" + pointer;
  }
}
