package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;

/** Follows {@code $ref} chains of non-schema objects (path items, parameters, bodies, responses, security schemes). */
final class References {
  private static final int MAX_CHAIN = 32;

  private final SpecDocuments documents;

  References(SpecDocuments documents) {
    this.documents = documents;
  }

  /** The object itself, or what its {@code $ref} chain ends at. */
  Located follow(Located value) {
    Located current = value;
    for (int hops = 0; hops < MAX_CHAIN; hops++) {
      JsonNode ref = current.node().get("$ref");
      if (ref == null || !ref.isTextual()) {
        return current;
      }
      RefTarget target = documents.resolve(current.document(), ref.asText(), Pointers.append(current.pointer(), "$ref"));
      current = new Located(target.document(), target.pointer(), target.node());
    }
    throw new CaskException(value.document().displayPath(), value.pointer(),
        "$ref chain is longer than " + MAX_CHAIN + " steps or loops", "point the reference at the object itself");
  }
}
