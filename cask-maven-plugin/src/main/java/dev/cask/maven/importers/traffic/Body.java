package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded, redacted body.
 *
 * @param mediaType the media type without parameters, lower case, or null when there is no body
 * @param kind what the body is
 * @param value for JSON: the redacted tree; for a form: an object of field → string (arrays for repeated fields); else
 *     null (text and binary bodies are never kept)
 */
public record Body(String mediaType, Kind kind, JsonNode value) {
  public static final Body NONE = new Body(null, Kind.NONE, null);

  public enum Kind {
    NONE,
    JSON,
    FORM,
    MULTIPART,
    TEXT,
    BINARY,
    /** Declared JSON but not parseable, or too large to read. */
    UNREADABLE
  }

  public boolean present() {
    return kind != Kind.NONE;
  }
}
