package dev.cask.maven.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One difference the schema comparer found, before it is classified: the same delta means different things in an input
 * schema, an output schema, or observed traffic.
 *
 * @param kind what kind of difference
 * @param pointer JSON pointer into the schema where it is ({@code /properties/body/properties/name}); for property
 *     added/removed and required changes, the pointer of the property itself
 * @param keyword the keyword concerned ({@code maximum}, {@code type}, {@code anyOf} ...), or the property name for
 *     property and required deltas
 * @param before the old value (a keyword value, or the property's schema), or null when absent
 * @param after the new value, or null when absent
 */
public record SchemaDelta(Kind kind, String pointer, String keyword, JsonNode before, JsonNode after) {
  /** The kinds of schema difference. */
  public enum Kind {
    PROPERTY_ADDED_REQUIRED,
    PROPERTY_ADDED_OPTIONAL,
    PROPERTY_REMOVED,
    /** A property that was required is gone. */
    REQUIRED_PROPERTY_REMOVED,
    BECAME_REQUIRED,
    BECAME_OPTIONAL,
    TYPE_CHANGED,
    FORMAT_CHANGED,
    ENUM_NARROWED,
    ENUM_WIDENED,
    CONSTRAINT_TIGHTENED,
    CONSTRAINT_LOOSENED,
    DESCRIPTION_CHANGED,
    KEYWORD_CHANGED
  }

  public SchemaDelta {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(keyword, "keyword");
  }
}
