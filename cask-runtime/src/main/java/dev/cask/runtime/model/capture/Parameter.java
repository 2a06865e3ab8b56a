package dev.cask.runtime.model.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.ParameterLocation;
import java.util.Objects;

/**
 * A request parameter.
 *
 * @param name the name on the wire (path placeholder, query key, header or cookie name)
 * @param in where it travels
 * @param required whether the request needs it (path parameters always do)
 * @param schema JSON Schema (2020-12) of the value; never null ({@code {}} when unknown)
 * @param style OpenAPI serialization style ({@code simple}, {@code form}, {@code deepObject} ...), null for the default
 * @param explode OpenAPI explode flag, null for the default of the style
 * @param description the parameter's description, or null
 * @param deprecated whether the parameter is deprecated
 */
public record Parameter(
    String name,
    ParameterLocation in,
    boolean required,
    JsonNode schema,
    String style,
    Boolean explode,
    String description,
    boolean deprecated) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(schema, "schema");
    schema = schema.deepCopy();
  }
}
