package dev.cask.runtime.model.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A body in one media type.
 *
 * @param mediaType e.g. {@code application/json}, {@code application/x-www-form-urlencoded}, {@code multipart/form-data}
 * @param schema a JSON Schema (2020-12) of the body; references to shared schemas are {@code #/$defs/Name} and resolve
 *     against {@link Capture#schemas()}; null when the body is not described
 */
public record MediaContent(String mediaType, JsonNode schema) {
  public MediaContent {
    Objects.requireNonNull(mediaType, "mediaType");
    schema = schema == null ? null : schema.deepCopy();
  }
}
