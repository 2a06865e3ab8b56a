package dev.cask.maven.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies schema deltas into catalog rules. The same delta means different things on the input side (what the agent
 * may send) and the output side (what it gets back), and for a declared schema (a spec says so) versus an observed one
 * (traffic happened to show it: a field not seen is not a field removed, and traffic never shows enums or limits).
 */
public final class SchemaRules {
  /** Which schema of a tool. */
  public enum Side {
    INPUT("/inputSchema"),
    OUTPUT("/outputSchema");

    private final String pointer;

    Side(String pointer) {
      this.pointer = pointer;
    }

    public String pointer() {
      return pointer;
    }
  }

  /** Where the new schema comes from. */
  public enum Evidence {
    /** A spec or a compiled toolpack: what it does not say, it does not allow. */
    DECLARED,
    /** Inferred from traffic: only what was seen, so absence means nothing. */
    OBSERVED
  }

  private static final int DETAIL_VALUE_LENGTH = 80;

  private SchemaRules() {}

  /** Changes for every delta between two schemas, with pointers relative to the tool definition. */
  public static List<Change> compare(Side side, Evidence evidence, JsonNode before, JsonNode after) {
    return compare(side, evidence, before, after, side.pointer());
  }

  /** As {@link #compare(Side, Evidence, JsonNode, JsonNode)}, with pointers below {@code prefix}. */
  public static List<Change> compare(Side side, Evidence evidence, JsonNode before, JsonNode after, String prefix) {
    List<Change> changes = new ArrayList<>();
    for (SchemaDelta delta : SchemaComparer.compare(before, after)) {
      ChangeRule rule = evidence == Evidence.DECLARED ? declared(side, delta) : observed(side, delta);
      if (rule != null) {
        changes.add(change(rule, delta, prefix));
      }
    }
    return changes;
  }

  static ChangeRule declared(Side side, SchemaDelta delta) {
    boolean input = side == Side.INPUT;
    return switch (delta.kind()) {
      case PROPERTY_ADDED_REQUIRED -> input ? ChangeRule.INPUT_ADDED_REQUIRED : ChangeRule.OUTPUT_PROPERTY_ADDED;
      case PROPERTY_ADDED_OPTIONAL -> input ? ChangeRule.INPUT_ADDED_OPTIONAL : ChangeRule.OUTPUT_PROPERTY_ADDED;
      case PROPERTY_REMOVED, REQUIRED_PROPERTY_REMOVED -> input ? ChangeRule.INPUT_REMOVED : ChangeRule.OUTPUT_PROPERTY_REMOVED;
      case BECAME_REQUIRED -> input ? ChangeRule.INPUT_BECAME_REQUIRED : ChangeRule.OUTPUT_BECAME_REQUIRED;
      case BECAME_OPTIONAL -> input ? ChangeRule.INPUT_BECAME_OPTIONAL : ChangeRule.OUTPUT_BECAME_OPTIONAL;
      case TYPE_CHANGED -> input ? ChangeRule.INPUT_TYPE_CHANGED : ChangeRule.OUTPUT_TYPE_CHANGED;
      case FORMAT_CHANGED -> input ? ChangeRule.INPUT_FORMAT_CHANGED : ChangeRule.OUTPUT_FORMAT_CHANGED;
      case ENUM_NARROWED -> input ? ChangeRule.INPUT_ENUM_NARROWED : ChangeRule.OUTPUT_ENUM_NARROWED;
      case ENUM_WIDENED -> input ? ChangeRule.INPUT_ENUM_WIDENED : ChangeRule.OUTPUT_ENUM_WIDENED;
      case CONSTRAINT_TIGHTENED -> input ? ChangeRule.INPUT_CONSTRAINT_TIGHTENED : ChangeRule.OUTPUT_CONSTRAINT_CHANGED;
      case CONSTRAINT_LOOSENED -> input ? ChangeRule.INPUT_CONSTRAINT_LOOSENED : ChangeRule.OUTPUT_CONSTRAINT_CHANGED;
      case DESCRIPTION_CHANGED -> ChangeRule.SCHEMA_DESCRIPTION_CHANGED;
      case KEYWORD_CHANGED -> input ? ChangeRule.INPUT_SCHEMA_CHANGED : ChangeRule.OUTPUT_SCHEMA_CHANGED;
    };
  }

  /** Traffic reports what it saw: new fields, fields that were sometimes missing, and types it contradicts. */
  static ChangeRule observed(Side side, SchemaDelta delta) {
    boolean input = side == Side.INPUT;
    return switch (delta.kind()) {
      case PROPERTY_ADDED_REQUIRED, PROPERTY_ADDED_OPTIONAL -> input ? ChangeRule.UNDOCUMENTED_INPUT : ChangeRule.UNDOCUMENTED_OUTPUT;
      // a required field that never appeared: the API accepted requests without it, or stopped returning it
      case BECAME_OPTIONAL, REQUIRED_PROPERTY_REMOVED -> input ? ChangeRule.INPUT_BECAME_OPTIONAL : ChangeRule.OUTPUT_BECAME_OPTIONAL;
      case TYPE_CHANGED -> contradicts(delta.before(), delta.after())
          ? (input ? ChangeRule.INPUT_TYPE_CHANGED : ChangeRule.OUTPUT_TYPE_CHANGED) : null;
      case FORMAT_CHANGED -> delta.before() != null && delta.after() != null
          ? (input ? ChangeRule.INPUT_FORMAT_CHANGED : ChangeRule.OUTPUT_FORMAT_CHANGED) : null;
      default -> null;
    };
  }

  /** Whether observed types fall outside the declared ones ({@code integer} counts as a {@code number}). */
  private static boolean contradicts(JsonNode declared, JsonNode observed) {
    if (declared == null || observed == null) {
      return false; // no declared type accepts anything; no observed type means nothing was seen
    }
    Set<String> allowed = names(declared);
    for (String type : names(observed)) {
      if (!allowed.contains(type) && !(type.equals("integer") && allowed.contains("number"))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> names(JsonNode type) {
    Set<String> names = new TreeSet<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(t.asText()));
    } else {
      names.add(type.asText());
    }
    return names;
  }

  private static Change change(ChangeRule rule, SchemaDelta delta, String prefix) {
    boolean aboutProperty =
        switch (delta.kind()) {
          case PROPERTY_ADDED_REQUIRED, PROPERTY_ADDED_OPTIONAL, PROPERTY_REMOVED, REQUIRED_PROPERTY_REMOVED, BECAME_REQUIRED,
              BECAME_OPTIONAL -> true;
          default -> false;
        };
    String subjectPointer = aboutProperty ? delta.pointer() : parent(delta.pointer());
    Change change =
        Change.of(rule, prefix + delta.pointer(), SchemaPaths.display(subjectPointer), detail(delta))
            .withValues(text(delta.before()), text(delta.after()));
    if (delta.kind() == SchemaDelta.Kind.DESCRIPTION_CHANGED) {
      change = change.withWords(WordDiff.of(plain(delta.before()), plain(delta.after())));
    }
    return change;
  }

  private static String detail(SchemaDelta delta) {
    return switch (delta.kind()) {
      case PROPERTY_ADDED_REQUIRED, PROPERTY_ADDED_OPTIONAL -> typeOf(delta.after());
      case PROPERTY_REMOVED -> typeOf(delta.before());
      case REQUIRED_PROPERTY_REMOVED -> (typeOf(delta.before()) + ", was required").replaceFirst("^, ", "");
      case BECAME_REQUIRED, BECAME_OPTIONAL -> "";
      case ENUM_NARROWED -> delta.before() == null
          ? "now limited to " + values(delta.after()) : "values removed: " + values(delta.before());
      case ENUM_WIDENED -> delta.after() == null
          ? "no longer limited (was " + values(delta.before()) + ")" : "values added: " + values(delta.after());
      case DESCRIPTION_CHANGED -> "description";
      default -> delta.keyword() + " " + shortValue(delta.before()) + " → " + shortValue(delta.after());
    };
  }

  private static String typeOf(JsonNode schema) {
    if (schema == null || !schema.has("type")) {
      return schema != null && schema.has("$ref") ? "see " + schema.get("$ref").asText() : "";
    }
    JsonNode type = schema.get("type");
    return type.isArray() ? String.join("|", names(type)) : type.asText();
  }

  private static String values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(compact(value)));
    return String.join(", ", values);
  }

  private static String shortValue(JsonNode value) {
    if (value == null) {
      return "(none)";
    }
    String text = compact(value);
    return text.length() > DETAIL_VALUE_LENGTH ? text.substring(0, DETAIL_VALUE_LENGTH - 1) + "…" : text;
  }

  private static String compact(JsonNode value) {
    return CanonicalText.of(value);
  }

  private static String text(JsonNode value) {
    return value == null ? null : value.isTextual() ? value.asText() : compact(value);
  }

  private static String plain(JsonNode value) {
    return value == null ? "" : value.isTextual() ? value.asText() : compact(value);
  }

  static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }
}
