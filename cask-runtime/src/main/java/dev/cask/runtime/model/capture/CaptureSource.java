package dev.cask.runtime.model.capture;

import java.util.Objects;

/**
 * One input document of a capture.
 *
 * @param kind what the document is
 * @param path the path relative to the project (forward slashes), never absolute: artifacts must not depend on where
 *     the project is checked out
 * @param sha256 the hex SHA-256 of the document's bytes
 * @param title the document's own title, when it has one (OpenAPI {@code info.title})
 * @param version the document's own version, when it has one (OpenAPI {@code info.version})
 */
public record CaptureSource(SourceKind kind, String path, String sha256, String title, String version) {
  public CaptureSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException("capture source path must be relative with forward slashes: " + path);
    }
  }
}
