package dev.cask.maven.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks two JSON Schemas (2020-12, and the draft-04 spellings the importers may pass through) side by side and lists
 * every difference as a {@link SchemaDelta} with the JSON pointer where it is. (The runtime's
 * {@code dev.cask.runtime.schema.SchemaWalker} visits the subschemas of one schema; comparing two, pair by pair and
 * through references on either side, is a different walk.)
 *
 * <p>It follows local {@code $ref}s ({@code #/$defs/...}, {@code #/definitions/...}, {@code #}); a change inside a shared
 * definition is reported once, at the definition's own pointer, however often it is referenced, and recursive schemas
 * terminate because each pair of (before, after) schema nodes is visited once. Keywords it understands: {@code type}
 * (string or array), {@code format}, {@code enum}, {@code const}, {@code description}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}/{@code prefixItems}, {@code allOf}/{@code anyOf}/
 * {@code oneOf}, {@code not}/{@code if}/{@code then}/{@code else}/{@code contains}/{@code propertyNames},
 * {@code patternProperties}, and the numeric, string, array and object constraints. Any other keyword that differs is
 * reported as {@link SchemaDelta.Kind#KEYWORD_CHANGED}, so no difference goes unseen.
 */
public final class SchemaComparer {
  private static final Set<String> LOWER_BOUNDS =
      Set.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains");
  private static final Set<String> UPPER_BOUNDS =
      Set.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains");
  private static final List<String> OTHER_CONSTRAINTS = List.of("multipleOf", "pattern", "uniqueItems");
  private static final List<String> SUBSCHEMA_KEYWORDS =
      List.of("not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems");
  /** Keywords that say whether properties a schema does not name are accepted (absent: they are). */
  private static final List<String> OTHER_PROPERTIES = List.of("additionalProperties", "unevaluatedProperties");
  private static final List<String> COMPOSITIONS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> SCHEMA_MAPS = List.of("patternProperties", "dependentSchemas");
  private static final Set<String> HANDLED;

  static {
    Set<String> handled = new HashSet<>();
    handled.addAll(LOWER_BOUNDS);
    handled.addAll(UPPER_BOUNDS);
    handled.addAll(OTHER_CONSTRAINTS);
    handled.addAll(SUBSCHEMA_KEYWORDS);
    handled.addAll(COMPOSITIONS);
    handled.addAll(SCHEMA_MAPS);
    handled.addAll(
        List.of(
            "$ref", "$defs", "definitions", "$schema", "$id", "id", "type", "format", "enum", "const", "description",
            "properties", "required", "additionalProperties", "unevaluatedProperties", "items", "prefixItems"));
    HANDLED = Set.copyOf(handled);
  }

  private final JsonNode beforeRoot;
  private final JsonNode afterRoot;
  private final List<SchemaDelta> deltas = new ArrayList<>();
  private final Map<JsonNode, Set<JsonNode>> visited = new IdentityHashMap<>();

  private SchemaComparer(JsonNode beforeRoot, JsonNode afterRoot) {
    this.beforeRoot = beforeRoot;
    this.afterRoot = afterRoot;
  }

  /** Every difference between two schemas; both must be non-null (use {@code {}} for "anything"). */
  public static List<SchemaDelta> compare(JsonNode before, JsonNode after) {
    SchemaComparer walker = new SchemaComparer(before, after);
    walker.walk(before, after, "");
    return List.copyOf(walker.deltas);
  }

  private void walk(JsonNode before, JsonNode after, String pointer) {
    Set<JsonNode> partners = visited.computeIfAbsent(before, key -> java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!partners.add(after)) {
      return; // this pair was compared already: shared definitions and recursion are reported once
    }
    String beforeRef = ref(before);
    String afterRef = ref(after);
    if (beforeRef != null || afterRef != null) {
      if (beforeRef != null && afterRef != null) {
        compareKeywords(withoutRef(before), withoutRef(after), pointer); // e.g. a description beside $ref
      }
      JsonNode beforeTarget = beforeRef != null ? resolve(beforeRoot, beforeRef) : before;
      JsonNode afterTarget = afterRef != null ? resolve(afterRoot, afterRef) : after;
      walk(beforeTarget, afterTarget, afterRef != null ? afterRef.substring(1) : pointer);
      return;
    }
    compareKeywords(before, after, pointer);
  }

  private void compareKeywords(JsonNode before, JsonNode after, String pointer) {
    if (before.isBoolean() || after.isBoolean()) {
      compareBooleanSchemas(before, after, pointer);
      return;
    }
    compareType(before, after, pointer);
    compareScalar("format", SchemaDelta.Kind.FORMAT_CHANGED, before, after, pointer);
    compareEnum(before, after, pointer);
    compareScalar("description", SchemaDelta.Kind.DESCRIPTION_CHANGED, before, after, pointer);
    compareBounds(before, after, pointer);
    compareProperties(before, after, pointer);
    for (String keyword : OTHER_PROPERTIES) {
      compareOtherProperties(keyword, before, after, pointer);
    }
    compareItems(before, after, pointer);
    for (String keyword : COMPOSITIONS) {
      compareSchemaArray(keyword, before, after, pointer);
    }
    for (String keyword : SUBSCHEMA_KEYWORDS) {
      compareSubschema(keyword, before, after, pointer);
    }
    for (String keyword : SCHEMA_MAPS) {
      compareSchemaMap(keyword, before, after, pointer);
    }
    compareOthers(before, after, pointer);
  }

  private void compareBooleanSchemas(JsonNode before, JsonNode after, String pointer) {
    if (before.equals(after)) {
      return;
    }
    // false accepts nothing, true or {} accepts anything; anything else sits between.
    int from = permissiveness(before);
    int to = permissiveness(after);
    SchemaDelta.Kind kind =
        to > from ? SchemaDelta.Kind.CONSTRAINT_LOOSENED
            : to < from ? SchemaDelta.Kind.CONSTRAINT_TIGHTENED : SchemaDelta.Kind.KEYWORD_CHANGED;
    add(kind, pointer, "schema", before, after);
  }

  private void compareType(JsonNode before, JsonNode after, String pointer) {
    Set<String> from = types(before.get("type"));
    Set<String> to = types(after.get("type"));
    if (!from.equals(to)) {
      add(SchemaDelta.Kind.TYPE_CHANGED, pointer + "/type", "type", before.get("type"), after.get("type"));
    }
  }

  private void compareScalar(String keyword, SchemaDelta.Kind kind, JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get(keyword);
    JsonNode to = after.get(keyword);
    if (!same(from, to)) {
      add(kind, pointer + "/" + keyword, keyword, from, to);
    }
  }

  private void compareEnum(JsonNode before, JsonNode after, String pointer) {
    Set<String> from = values(before);
    Set<String> to = values(after);
    String keyword = after.has("const") || (!after.has("enum") && before.has("const")) ? "const" : "enum";
    String at = pointer + "/" + keyword;
    if (from == null && to == null) {
      return;
    }
    if (from == null) {
      add(SchemaDelta.Kind.ENUM_NARROWED, at, keyword, null, valuesNode(to)); // anything → a fixed list
      return;
    }
    if (to == null) {
      add(SchemaDelta.Kind.ENUM_WIDENED, at, keyword, valuesNode(from), null); // a fixed list → anything
      return;
    }
    Set<String> removed = new TreeSet<>(from);
    removed.removeAll(to);
    Set<String> added = new TreeSet<>(to);
    added.removeAll(from);
    if (!removed.isEmpty()) {
      add(SchemaDelta.Kind.ENUM_NARROWED, at, keyword, valuesNode(removed), null);
    }
    if (!added.isEmpty()) {
      add(SchemaDelta.Kind.ENUM_WIDENED, at, keyword, null, valuesNode(added));
    }
  }

  private void compareBounds(JsonNode before, JsonNode after, String pointer) {
    for (String keyword : new TreeSet<>(unionOf(LOWER_BOUNDS, UPPER_BOUNDS))) {
      JsonNode from = before.get(keyword);
      JsonNode to = after.get(keyword);
      if (same(from, to)) {
        continue;
      }
      boolean lower = LOWER_BOUNDS.contains(keyword);
      SchemaDelta.Kind kind;
      if (from == null) {
        kind = SchemaDelta.Kind.CONSTRAINT_TIGHTENED;
      } else if (to == null) {
        kind = SchemaDelta.Kind.CONSTRAINT_LOOSENED;
      } else if (from.isNumber() && to.isNumber()) {
        int direction = to.decimalValue().compareTo(from.decimalValue());
        kind = (lower ? direction > 0 : direction < 0)
            ? SchemaDelta.Kind.CONSTRAINT_TIGHTENED : SchemaDelta.Kind.CONSTRAINT_LOOSENED;
      } else if (from.isBoolean() && to.isBoolean()) {
        // draft-04 exclusiveMinimum/exclusiveMaximum: true excludes the bound itself
        kind = to.asBoolean() ? SchemaDelta.Kind.CONSTRAINT_TIGHTENED : SchemaDelta.Kind.CONSTRAINT_LOOSENED;
      } else {
        kind = SchemaDelta.Kind.KEYWORD_CHANGED;
      }
      add(kind, pointer + "/" + keyword, keyword, from, to);
    }
    for (String keyword : OTHER_CONSTRAINTS) {
      JsonNode from = before.get(keyword);
      JsonNode to = after.get(keyword);
      if (same(from, to)) {
        continue;
      }
      SchemaDelta.Kind kind;
      if (keyword.equals("uniqueItems")) {
        kind = to != null && to.asBoolean() ? SchemaDelta.Kind.CONSTRAINT_TIGHTENED : SchemaDelta.Kind.CONSTRAINT_LOOSENED;
      } else if (to == null) {
        kind = SchemaDelta.Kind.CONSTRAINT_LOOSENED;
      } else if (from == null) {
        kind = SchemaDelta.Kind.CONSTRAINT_TIGHTENED;
      } else if (keyword.equals("multipleOf") && from.isNumber() && to.isNumber() && divides(to.decimalValue(), from.decimalValue())) {
        kind = SchemaDelta.Kind.CONSTRAINT_LOOSENED; // every old multiple is still one
      } else {
        kind = SchemaDelta.Kind.CONSTRAINT_TIGHTENED; // a changed pattern may reject old values: assume the worse
      }
      add(kind, pointer + "/" + keyword, keyword, from, to);
    }
  }

  private void compareProperties(JsonNode before, JsonNode after, String pointer) {
    JsonNode from = objectOrEmpty(before.get("properties"));
    JsonNode to = objectOrEmpty(after.get("properties"));
    Set<String> requiredBefore = strings(before.get("required"));
    Set<String> requiredAfter = strings(after.get("required"));
    Set<String> names = new TreeSet<>();
    from.fieldNames().forEachRemaining(names::add);
    to.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String at = pointer + "/properties/" + escape(name);
      JsonNode old = from.get(name);
      JsonNode now = to.get(name);
      if (old == null) {
        add(requiredAfter.contains(name) ? SchemaDelta.Kind.PROPERTY_ADDED_REQUIRED : SchemaDelta.Kind.PROPERTY_ADDED_OPTIONAL,
            at, name, null, now);
      } else if (now == null) {
        add(requiredBefore.contains(name) ? SchemaDelta.Kind.REQUIRED_PROPERTY_REMOVED : SchemaDelta.Kind.PROPERTY_REMOVED,
            at, name, old, null);
      } else {
        if (!requiredBefore.contains(name) && requiredAfter.contains(name)) {
          add(SchemaDelta.Kind.BECAME_REQUIRED, at, name, null, null);
        } else if (requiredBefore.contains(name) && !requiredAfter.contains(name)) {
          add(SchemaDelta.Kind.BECAME_OPTIONAL, at, name, null, null);
        }
        walk(old, now, at);
      }
    }
    // required names without a property schema (allowed by JSON Schema) still constrain the object
    Set<String> bare = new TreeSet<>(unionOf(requiredBefore, requiredAfter));
    bare.removeAll(names);
    for (String name : bare) {
      String at = pointer + "/properties/" + escape(name);
      if (!requiredBefore.contains(name)) {
        add(SchemaDelta.Kind.BECAME_REQUIRED, at, name, null, null);
      } else if (!requiredAfter.contains(name)) {
        add(SchemaDelta.Kind.BECAME_OPTIONAL, at, name, null, null);
      }
    }
  }

  /**
   * {@code additionalProperties} or {@code unevaluatedProperties}: schemas are walked; otherwise a change that accepts
   * more (false to a schema or true, or the keyword removed) is a loosened constraint, the reverse a tightened one.
   */
  private void compareOtherProperties(String keyword, JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get(keyword);
    JsonNode to = after.get(keyword);
    String at = pointer + "/" + keyword;
    if (from != null && to != null && from.isObject() && to.isObject()) {
      walk(from, to, at);
      return;
    }
    if (same(from, to)) {
      return;
    }
    int old = from == null ? 2 : permissiveness(from);
    int now = to == null ? 2 : permissiveness(to);
    if (old == now) {
      add(SchemaDelta.Kind.KEYWORD_CHANGED, at, keyword, from, to);
    } else {
      add(now > old ? SchemaDelta.Kind.CONSTRAINT_LOOSENED : SchemaDelta.Kind.CONSTRAINT_TIGHTENED, at, keyword, from, to);
    }
  }

  private void compareItems(JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get("items");
    JsonNode to = after.get("items");
    if (from != null && to != null && !from.isArray() && !to.isArray()) {
      walk(from, to, pointer + "/items");
    } else if (from != null && to != null && from.isArray() && to.isArray()) {
      compareSchemaArray("items", before, after, pointer);
    } else if (!same(from, to)) {
      if (from != null && to != null) {
        add(SchemaDelta.Kind.KEYWORD_CHANGED, pointer + "/items", "items", from, to);
      } else {
        add(to == null ? SchemaDelta.Kind.CONSTRAINT_LOOSENED : SchemaDelta.Kind.CONSTRAINT_TIGHTENED,
            pointer + "/items", "items", from, to);
      }
    }
    compareSchemaArray("prefixItems", before, after, pointer);
  }

  /** Alternatives compare position by position; a different number of them is one keyword change. */
  private void compareSchemaArray(String keyword, JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get(keyword);
    JsonNode to = after.get(keyword);
    if (from == null && to == null) {
      return;
    }
    if (from != null && to != null && from.isArray() && to.isArray() && from.size() == to.size()) {
      for (int i = 0; i < from.size(); i++) {
        walk(from.get(i), to.get(i), pointer + "/" + keyword + "/" + i);
      }
      return;
    }
    add(SchemaDelta.Kind.KEYWORD_CHANGED, pointer + "/" + keyword, keyword, from, to);
  }

  private void compareSubschema(String keyword, JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get(keyword);
    JsonNode to = after.get(keyword);
    if (from != null && to != null && (from.isObject() || from.isBoolean()) && (to.isObject() || to.isBoolean())) {
      walk(from, to, pointer + "/" + keyword);
    } else if (!same(from, to)) {
      add(SchemaDelta.Kind.KEYWORD_CHANGED, pointer + "/" + keyword, keyword, from, to);
    }
  }

  private void compareSchemaMap(String keyword, JsonNode before, JsonNode after, String pointer) {
    JsonNode from = before.get(keyword);
    JsonNode to = after.get(keyword);
    if (from == null && to == null) {
      return;
    }
    if (from == null || to == null || !from.isObject() || !to.isObject()) {
      add(SchemaDelta.Kind.KEYWORD_CHANGED, pointer + "/" + keyword, keyword, from, to);
      return;
    }
    Set<String> keys = new TreeSet<>();
    from.fieldNames().forEachRemaining(keys::add);
    to.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String at = pointer + "/" + keyword + "/" + escape(key);
      if (from.has(key) && to.has(key)) {
        walk(from.get(key), to.get(key), at);
      } else {
        add(SchemaDelta.Kind.KEYWORD_CHANGED, at, keyword, from.get(key), to.get(key));
      }
    }
  }

  private void compareOthers(JsonNode before, JsonNode after, String pointer) {
    Set<String> keys = new TreeSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    after.fieldNames().forEachRemaining(keys::add);
    keys.removeAll(HANDLED);
    for (String key : keys) {
      if (!same(before.get(key), after.get(key))) {
        add(SchemaDelta.Kind.KEYWORD_CHANGED, pointer + "/" + escape(key), key, before.get(key), after.get(key));
      }
    }
  }

  private void add(SchemaDelta.Kind kind, String pointer, String keyword, JsonNode before, JsonNode after) {
    deltas.add(new SchemaDelta(kind, pointer, keyword, before, after));
  }

  private static String ref(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref != null && ref.isTextual() && ref.asText().startsWith("#") ? ref.asText() : null;
  }

  /** The node a local reference points at; a missing target compares as the empty schema. */
  private static JsonNode resolve(JsonNode root, String ref) {
    String pointer = java.net.URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
    JsonNode target = pointer.isEmpty() ? root : root.at(pointer);
    return target.isMissingNode() ? JsonNodeFactory.instance.objectNode() : target;
  }

  private static JsonNode withoutRef(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
    copy.remove("$ref");
    return copy;
  }

  /** false: 0, a schema: 1, true or absent: 2. */
  private static int permissiveness(JsonNode schema) {
    if (schema.isBoolean()) {
      return schema.asBoolean() ? 2 : 0;
    }
    return schema.isObject() && schema.isEmpty() ? 2 : 1;
  }

  private static Set<String> types(JsonNode type) {
    Set<String> types = new TreeSet<>();
    if (type == null) {
      return types;
    }
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }

  /** The allowed values as canonical JSON strings, or null when any value is allowed. */
  private static Set<String> values(JsonNode schema) {
    Set<String> values = null;
    JsonNode enumeration = schema.get("enum");
    if (enumeration != null && enumeration.isArray()) {
      values = new TreeSet<>();
      for (JsonNode value : enumeration) {
        values.add(canonical(value));
      }
    }
    JsonNode constant = schema.get("const");
    if (constant != null) {
      values = values == null ? new TreeSet<>() : values;
      values.add(canonical(constant));
    }
    return values;
  }

  private static ArrayNode valuesNode(Set<String> canonicalValues) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (String value : canonicalValues) {
      try {
        array.add(dev.cask.runtime.json.CaskMappers.json().readTree(value));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("canonical JSON does not parse: " + value, e);
      }
    }
    return array;
  }

  private static String canonical(JsonNode value) {
    return CanonicalText.of(value);
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.equals(b)) {
      return true; // structural equality: the common case, without serializing anything
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return canonical(a).equals(canonical(b));
  }

  private static boolean divides(BigDecimal divisor, BigDecimal value) {
    return divisor.signum() != 0 && value.remainder(divisor).signum() == 0;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> names = new LinkedHashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(item -> names.add(item.asText()));
    }
    return names;
  }

  private static JsonNode objectOrEmpty(JsonNode node) {
    return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
  }

  private static <T> Set<T> unionOf(Set<T> a, Set<T> b) {
    Set<T> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
