package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;

/**
 * One document of a description: the input file, a file it refers to, or (only when remote references are allowed) a
 * fetched URL.
 *
 * @param file the local file, or null for a fetched document
 * @param url the URL of a fetched document, or null for a local file
 * @param displayPath how messages name the document (relative to the project, or the URL)
 * @param root the parsed tree
 */
record SpecDocument(Path file, URI url, String displayPath, JsonNode root) {
  boolean isRemote() {
    return url != null;
  }

  /** Identity of the document for caches: the normalized absolute path or the URL. */
  String id() {
    return isRemote() ? url.toString() : file.toString();
  }

  SpecDocument withRoot(JsonNode newRoot) {
    return new SpecDocument(file, url, displayPath, newRoot);
  }
}
