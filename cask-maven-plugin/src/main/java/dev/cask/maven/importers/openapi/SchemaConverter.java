package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Converts one OpenAPI schema to JSON Schema 2020-12.
 *
 * <p>For OpenAPI 3.0 (and Swagger 2.0 after conversion): {@code nullable: true} adds {@code "null"} to {@code type}
 * (and to {@code enum}; a schema with neither becomes {@code anyOf [schema, {type: null}]}); boolean {@code
 * exclusiveMinimum}/{@code exclusiveMaximum} take the numeric form; keywords beside a {@code $ref} are dropped, as 3.0
 * says they are ignored. For both dialects: {@code example} becomes {@code examples: [..]}; {@code xml}, {@code
 * externalDocs}, {@code x-*} extensions, {@code $schema} and {@code $id} are dropped (a {@code $id} would change what
 * {@code #/$defs/..} means to a validator); every {@code $ref} and every reference in {@code discriminator.mapping} is
 * rewritten by the given {@link RefRewriter}. Everything else ({@code discriminator}, {@code readOnly}, {@code
 * writeOnly}, {@code deprecated}, {@code title}, {@code description}, {@code default}, {@code format}, constraints,
 * unknown keywords) is kept, in document order. The input is never modified.
 */
final class SchemaConverter {
  /** Maps a reference found at {@code pointer} to the reference the output uses ({@code #/$defs/Name}). */
  interface RefRewriter {
    String rewrite(String ref, String pointer);

    /** A discriminator mapping value that is a bare schema name; kept as it is unless the rewriter knows the name. */
    default String rewriteSchemaName(String name, String pointer) {
      return name;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> DROPPED = Set.of("xml", "externalDocs", "$schema", "$id", "example");
  private static final Set<String> ONE_SCHEMA =
      Set.of("additionalProperties", "items", "not", "if", "then", "else", "propertyNames", "contains",
          "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema");
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "dependentSchemas", "$defs", "definitions");

  private final boolean openApi30;
  private final RefRewriter refs;

  SchemaConverter(boolean openApi30, RefRewriter refs) {
    this.openApi30 = openApi30;
    this.refs = refs;
  }

  JsonNode convert(JsonNode schema, String pointer) {
    if (!schema.isObject()) {
      return schema.deepCopy(); // boolean schemas (3.1) and malformed values pass unchanged
    }
    JsonNode ref = schema.get("$ref");
    if (openApi30 && ref != null && ref.isTextual()) {
      return NODES.objectNode().put("$ref", refs.rewrite(ref.asText(), Pointers.append(pointer, "$ref")));
    }
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = Pointers.append(pointer, key);
      if (DROPPED.contains(key) || key.startsWith("x-") || isBooleanBound(key, value) || (openApi30 && key.equals("nullable"))) {
        continue;
      }
      if (key.equals("$ref") && value.isTextual()) {
        out.put(key, refs.rewrite(value.asText(), at));
      } else if (ONE_SCHEMA.contains(key) && value.isObject()) {
        out.set(key, convert(value, at));
      } else if (SCHEMA_LISTS.contains(key) && value.isArray()) {
        ArrayNode list = out.putArray(key);
        for (int i = 0; i < value.size(); i++) {
          list.add(convert(value.get(i), at + "/" + i));
        }
      } else if (SCHEMA_MAPS.contains(key) && value.isObject()) {
        ObjectNode map = out.putObject(key);
        value.properties().forEach(entry ->
            map.set(entry.getKey(), convert(entry.getValue(), Pointers.append(at, entry.getKey()))));
      } else if (key.equals("discriminator") && value.isObject()) {
        out.set(key, discriminator(value, at));
      } else {
        out.set(key, value.deepCopy());
      }
    }
    addExample(schema, out);
    // Boolean bounds mean draft-04 / OpenAPI 3.0 semantics whatever the document version (a 3.1 document may declare
    // jsonSchemaDialect draft-04): their numeric form is the only one 2020-12 knows.
    exclusiveBound(schema, out, "exclusiveMinimum", "minimum");
    exclusiveBound(schema, out, "exclusiveMaximum", "maximum");
    if (openApi30 && schema.path("nullable").asBoolean(false)) {
      return withNull(out);
    }
    return out;
  }

  /** Draft-04 style boolean bounds: no 2020-12 form as written; converted after the copy loop. */
  private static boolean isBooleanBound(String key, JsonNode value) {
    return (key.equals("exclusiveMinimum") || key.equals("exclusiveMaximum")) && value.isBoolean();
  }

  private static void addExample(JsonNode schema, ObjectNode out) {
    if (!schema.has("example")) {
      return;
    }
    JsonNode examples = out.get("examples");
    if (examples == null || !examples.isArray()) {
      out.putArray("examples").add(schema.get("example").deepCopy());
    } else if (!contains(examples, schema.get("example"))) {
      ((ArrayNode) examples).add(schema.get("example").deepCopy());
    }
  }

  private static void exclusiveBound(JsonNode schema, ObjectNode out, String exclusive, String bound) {
    JsonNode flag = schema.get(exclusive);
    if (flag != null && flag.isBoolean() && flag.asBoolean() && schema.has(bound)) {
      out.set(exclusive, schema.get(bound).deepCopy());
      out.remove(bound);
    }
  }

  private static JsonNode withNull(ObjectNode out) {
    JsonNode type = out.get("type");
    JsonNode enumeration = out.get("enum");
    if (type == null && enumeration == null) {
      ObjectNode wrapper = NODES.objectNode();
      ArrayNode anyOf = wrapper.putArray("anyOf");
      anyOf.add(out);
      anyOf.addObject().put("type", "null");
      return wrapper;
    }
    if (type != null && type.isTextual() && !type.asText().equals("null")) {
      ArrayNode types = NODES.arrayNode().add(type.asText()).add("null");
      out.set("type", types);
    } else if (type != null && type.isArray() && !contains(type, NODES.textNode("null"))) {
      ((ArrayNode) type).add("null");
    }
    if (enumeration != null && enumeration.isArray() && !contains(enumeration, NODES.nullNode())) {
      ((ArrayNode) enumeration).addNull();
    }
    return out;
  }

  private JsonNode discriminator(JsonNode discriminator, String pointer) {
    ObjectNode out = NODES.objectNode();
    discriminator.properties().forEach(field -> {
      if (field.getKey().startsWith("x-")) {
        return;
      }
      if (field.getKey().equals("mapping") && field.getValue().isObject()) {
        ObjectNode mapping = out.putObject("mapping");
        field.getValue().properties().forEach(entry -> {
          String target = entry.getValue().asText();
          boolean isReference = target.contains("#") || target.contains("/") || target.contains(".");
          String at = Pointers.append(Pointers.append(pointer, "mapping"), entry.getKey());
          mapping.put(entry.getKey(), isReference ? refs.rewrite(target, at) : refs.rewriteSchemaName(target, at));
        });
      } else {
        out.set(field.getKey(), field.getValue().deepCopy());
      }
    });
    return out;
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode item : array) {
      if (item.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
