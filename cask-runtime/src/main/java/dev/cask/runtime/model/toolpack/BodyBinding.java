package dev.cask.runtime.model.toolpack;

import java.util.Objects;

/**
 * How the request body is built from one tool argument.
 *
 * @param argument the property name in the tool's input schema that holds the whole body
 * @param mediaType the media type sent, e.g. {@code application/json}
 */
public record BodyBinding(String argument, String mediaType) {
  public BodyBinding {
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(mediaType, "mediaType");
  }
}
