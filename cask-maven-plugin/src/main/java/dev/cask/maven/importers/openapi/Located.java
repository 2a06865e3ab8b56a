package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value of a description together with where it stands, so that references inside it resolve against the right
 * document and messages point at the right place.
 */
record Located(SpecDocument document, String pointer, JsonNode node) {
  Located child(String key) {
    return new Located(document, Pointers.append(pointer, key), node.path(key));
  }

  Located item(int index) {
    return new Located(document, pointer + "/" + index, node.path(index));
  }

  boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }
}
