package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.ParameterLocation;
import java.util.Objects;

/**
 * Where one tool argument goes in the upstream request.
 *
 * @param argument the property name in the tool's input schema
 * @param in the request location
 * @param name the name on the wire (path placeholder, query key, header or cookie name)
 * @param style OpenAPI serialization style, or null for the location's default
 * @param explode OpenAPI explode flag, or null for the style's default
 */
public record ArgumentBinding(String argument, ParameterLocation in, String name, String style, Boolean explode) {
  public ArgumentBinding {
    Objects.requireNonNull(argument, "argument");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
  }
}
