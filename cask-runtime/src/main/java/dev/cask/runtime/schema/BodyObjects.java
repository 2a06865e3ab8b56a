package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The objects of a tool's request body, closed against mass assignment: at every place where the body (or a value
 * inside it) can be an object, a property the schema does not name is refused, unless the source explicitly allows
 * other properties there ({@code additionalProperties} or {@code unevaluatedProperties} that is {@code true} or a
 * schema). JSON Schema itself allows any property a schema does not forbid, so without this an agent could send
 * {@code "role": "admin"} in a user update and the upstream would get it.
 *
 * <p>A place whose schema is written out gets {@code additionalProperties: false}; a place that is a reference or a
 * composition ({@code $ref}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code then}/{@code else},
 * {@code dependentSchemas}) gets {@code unevaluatedProperties: false}, which sees the properties the referenced and
 * composed parts name (2020-12), where {@code additionalProperties} would refuse them. Places are the body itself and
 * the values under {@code properties}, {@code patternProperties}, {@code additionalProperties}, {@code items},
 * {@code prefixItems} and their relatives, also inside referenced definitions and composed parts; the parts
 * themselves are not closed (that would refuse what their siblings name), nor is anything under {@code not},
 * {@code if} or {@code contains}, where a stricter schema would mean a looser one. Places whose schema cannot be an
 * object ({@code type} without {@code object}, {@code enum}, {@code const}) are left as they are.
 *
 * <p>The compiler writes closed schemas into the toolpack, so a reviewer sees the choice; the runtime closes the
 * approved schema again before it validates arguments (closing is idempotent), so a toolpack compiled before this rule
 * never forwards an undeclared property either.
 */
public final class BodyObjects {
  /** How a place of the body treats properties its schema does not name. */
  public enum Kind {
    /** The source forbids them ({@code additionalProperties: false} or {@code unevaluatedProperties: false}). */
    CLOSED_BY_SOURCE,
    /** The source said nothing; closed here. */
    CLOSED,
    /** The source explicitly allows them ({@code true} or a schema). */
    OPEN
  }

  /**
   * One object place of the body.
   *
   * @param pointer the JSON pointer of its schema in the input schema
   * @param kind how it treats properties its schema does not name
   * @param namesProperties whether its schema names any property (a place closed here that names none takes only an
   *     empty object)
   */
  public record Place(String pointer, Kind kind, boolean namesProperties) {}

  /** The input schema with the body's objects closed, and every object place of the body. */
  public record Result(JsonNode schema, List<Place> places) {
    public List<Place> open() {
      return places.stream().filter(place -> place.kind() == Kind.OPEN).toList();
    }
  }

  private static final List<String> POSITION_SINGLE =
      List.of("additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems");
  private static final List<String> POSITION_MAPS = List.of("properties", "patternProperties");
  private static final List<String> PART_ARRAYS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> PART_SINGLE = List.of("then", "else");
  private static final Set<String> COMPOSING = Set.of("$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "if", "then",
      "else", "dependentSchemas");
  private static final int MAX_REFERENCE_HOPS = 64;

  private final ObjectNode root;
  private final List<Place> places = new ArrayList<>();
  private final Set<JsonNode> descended = Collections.newSetFromMap(new IdentityHashMap<>());

  private BodyObjects(ObjectNode root) {
    this.root = root;
  }

  /**
   * Closes the objects of the body property of an input schema, on a copy.
   *
   * @param inputSchema a tool's input schema (root {@code type: object}, references into its own {@code $defs})
   * @param bodyProperty the property that carries the request body, or null when the tool sends none
   */
  public static Result close(JsonNode inputSchema, String bodyProperty) {
    if (bodyProperty == null || !(inputSchema instanceof ObjectNode) || !inputSchema.path("properties").has(bodyProperty)) {
      return new Result(inputSchema, List.of());
    }
    ObjectNode copy = ((ObjectNode) inputSchema).deepCopy();
    BodyObjects walk = new BodyObjects(copy);
    walk.run((ObjectNode) copy.get("properties"), bodyProperty, "/properties/" + SchemaWalker.escape(bodyProperty));
    return new Result(copy, List.copyOf(walk.places));
  }

  /**
   * A place still to close (the value slot {@code key} or {@code index} of a container), or a schema whose places are
   * still to find (a slot, or a referenced definition given directly).
   */
  private record Pending(JsonNode container, String key, int index, JsonNode direct, String pointer, boolean place) {
    static Pending slot(JsonNode container, String key, String pointer, boolean place) {
      return new Pending(container, key, -1, null, pointer, place);
    }

    static Pending element(JsonNode container, int index, String pointer, boolean place) {
      return new Pending(container, null, index, null, pointer, place);
    }

    JsonNode schema() {
      return direct != null ? direct : key != null ? container.get(key) : container.get(index);
    }
  }

  private void run(ObjectNode container, String key, String pointer) {
    Deque<Pending> pending = new ArrayDeque<>();
    pending.push(Pending.slot(container, key, pointer, true));
    while (!pending.isEmpty()) {
      Pending next = pending.pop();
      JsonNode schema = next.schema();
      if (next.place) {
        schema = closePlace(next, schema);
      }
      if (schema instanceof ObjectNode object && descended.add(object)) {
        findPlaces(object, next.pointer, pending);
      }
    }
  }

  /** Closes one place when its schema can be an object and says nothing about other properties; returns its schema. */
  private JsonNode closePlace(Pending place, JsonNode schema) {
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        return schema; // accepts nothing
      }
      ObjectNode closed = JsonNodeFactory.instance.objectNode().put("additionalProperties", false);
      replace(place, closed);
      places.add(new Place(place.pointer, Kind.CLOSED, false));
      return closed;
    }
    if (!(schema instanceof ObjectNode object) || !mayBeObject(object, 0)) {
      return schema;
    }
    JsonNode decided = decision(object);
    if (decided != null) {
      places.add(new Place(place.pointer, isFalse(decided) ? Kind.CLOSED_BY_SOURCE : Kind.OPEN, namesProperties(object)));
      return schema;
    }
    boolean plain = COMPOSING.stream().noneMatch(object::has);
    object.put(plain ? "additionalProperties" : "unevaluatedProperties", false);
    places.add(new Place(place.pointer, Kind.CLOSED, namesProperties(object)));
    return schema;
  }

  private static void replace(Pending place, JsonNode schema) {
    if (place.key != null) {
      ((ObjectNode) place.container).set(place.key, schema);
    } else {
      ((ArrayNode) place.container).set(place.index, schema);
    }
  }

  /** The places below a schema: its value slots, and those of the parts it is composed of or refers to. */
  private void findPlaces(ObjectNode schema, String pointer, Deque<Pending> pending) {
    for (String keyword : POSITION_MAPS) {
      JsonNode map = schema.get(keyword);
      if (map instanceof ObjectNode object) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
          String name = names.next();
          pending.push(Pending.slot(object, name, pointer + "/" + keyword + "/" + SchemaWalker.escape(name), true));
        }
      }
    }
    for (String keyword : POSITION_SINGLE) {
      if (schema.get(keyword) instanceof ObjectNode) {
        pending.push(Pending.slot(schema, keyword, pointer + "/" + keyword, true));
      }
    }
    JsonNode items = schema.get("items");
    if (items instanceof ArrayNode tuple) {
      for (int i = 0; i < tuple.size(); i++) {
        pending.push(Pending.element(tuple, i, pointer + "/items/" + i, true));
      }
    } else if (items != null) {
      pending.push(Pending.slot(schema, "items", pointer + "/items", true));
    }
    if (schema.get("prefixItems") instanceof ArrayNode prefix) {
      for (int i = 0; i < prefix.size(); i++) {
        pending.push(Pending.element(prefix, i, pointer + "/prefixItems/" + i, true));
      }
    }
    for (String keyword : PART_ARRAYS) {
      if (schema.get(keyword) instanceof ArrayNode parts) {
        for (int i = 0; i < parts.size(); i++) {
          pending.push(Pending.element(parts, i, pointer + "/" + keyword + "/" + i, false));
        }
      }
    }
    for (String keyword : PART_SINGLE) {
      if (schema.has(keyword)) {
        pending.push(Pending.slot(schema, keyword, pointer + "/" + keyword, false));
      }
    }
    if (schema.get("dependentSchemas") instanceof ObjectNode dependent) {
      dependent.fieldNames().forEachRemaining(name -> pending.push(
          Pending.slot(dependent, name, pointer + "/dependentSchemas/" + SchemaWalker.escape(name), false)));
    }
    JsonNode target = target(schema);
    if (target != null) {
      pending.push(new Pending(null, null, -1, target, schema.get("$ref").textValue().substring(1), false));
    }
  }

  /**
   * What the source says about other properties at a place: its own {@code additionalProperties} or
   * {@code unevaluatedProperties}, else those of the definition it refers to; null when nothing.
   */
  private JsonNode decision(ObjectNode schema) {
    JsonNode current = schema;
    for (int hops = 0; current != null && hops < MAX_REFERENCE_HOPS; hops++) {
      JsonNode additional = current.get("additionalProperties");
      JsonNode unevaluated = current.get("unevaluatedProperties");
      if (additional != null || unevaluated != null) {
        return additional != null && !isFalse(additional) ? additional : unevaluated != null ? unevaluated : additional;
      }
      current = current instanceof ObjectNode object ? target(object) : null;
    }
    return null;
  }

  /** Whether the schema admits object instances at all (unknown references and compositions are assumed to). */
  private boolean mayBeObject(JsonNode schema, int depth) {
    if (!(schema instanceof ObjectNode object) || depth > MAX_REFERENCE_HOPS) {
      return !schema.isBoolean() || schema.booleanValue();
    }
    if (object.has("enum") || object.has("const")) {
      return false;
    }
    JsonNode type = object.get("type");
    if (type != null && !typeIncludesObject(type)) {
      return false;
    }
    JsonNode target = target(object);
    if (target != null && !mayBeObject(target, depth + 1)) {
      return false;
    }
    if (object.get("allOf") instanceof ArrayNode all) {
      for (JsonNode part : all) {
        if (!mayBeObject(part, depth + 1)) {
          return false;
        }
      }
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      if (object.get(keyword) instanceof ArrayNode any && !any.isEmpty()) {
        boolean some = false;
        for (JsonNode part : any) {
          some |= mayBeObject(part, depth + 1);
        }
        if (!some) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean typeIncludesObject(JsonNode type) {
    if (type.isTextual()) {
      return type.textValue().equals("object");
    }
    for (JsonNode each : type) {
      if ("object".equals(each.textValue())) {
        return true;
      }
    }
    return false;
  }

  /** The local definition a {@code $ref} names, or null (no reference, not local, or pointing nowhere). */
  private JsonNode target(ObjectNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null || !ref.isTextual() || !ref.textValue().startsWith("#")) {
      return null;
    }
    JsonNode target = root.at(ref.textValue().substring(1));
    return target.isMissingNode() ? null : target;
  }

  private static boolean namesProperties(ObjectNode schema) {
    return schema.path("properties").size() > 0 || schema.path("patternProperties").size() > 0
        || schema.has("$ref") || schema.has("allOf") || schema.has("anyOf") || schema.has("oneOf");
  }

  private static boolean isFalse(JsonNode node) {
    return node.isBoolean() && !node.booleanValue();
  }
}
