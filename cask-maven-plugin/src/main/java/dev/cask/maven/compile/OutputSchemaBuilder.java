package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.schema.StructuredOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output schema of a tool: the schema of its MCP structured content, shaped by {@link StructuredOutput}'s rule.
 *
 * <ol>
 *   <li>The success responses are every documented {@code 2xx} status (and {@code 2XX}). When one of them has no JSON
 *       body with a schema ({@code 204 No Content}, a file download), the tool gets no output schema and answers with
 *       text only: MCP clients refuse a successful result without structured content from a tool that has one.
 *   <li>The response schema is the success responses' JSON schema, or the {@code anyOf} of their distinct schemas.
 *   <li>A schema that only admits objects ({@code type: object}, or implied by {@code properties}, by a {@code $ref} or
 *       an {@code allOf} part that is one, or by {@code anyOf}/{@code oneOf} branches that all are) becomes the output
 *       schema with {@code type: "object"} stated at its root. Any other schema (an array, a scalar, a nullable object,
 *       a mix of object and array, no constraint at all) is wrapped in the {@code {"result": …}} envelope.
 *   <li>References are made self-contained with {@code $defs} at the root; keywords that clients read their own way
 *       ({@link StructuredOutput#CLIENT_DEPENDENT}) are left out.
 * </ol>
 */
final class OutputSchemaBuilder {
  private final SchemaDefs defs;

  OutputSchemaBuilder(SchemaDefs defs) {
    this.defs = defs;
  }

  /** A tool's output: its schema, and whether the structured content is the body wrapped as {@code {"result": …}}. */
  record ToolOutput(ObjectNode schema, boolean wrapped) {}

  /** Shared definition name → its prepared form, shared by every output schema that reaches it. */
  private final Map<String, JsonNode> prepared = new ConcurrentHashMap<>();

  /** The tool's output schema, cleaned ({@link SchemaText}) and self-contained; empty when it has none. */
  Optional<ToolOutput> build(CapturedOperation operation) {
    return responseSchema(operation).flatMap(this::shape);
  }

  /** The JSON schema every success response is described by, or empty when one has none. */
  private static Optional<JsonNode> responseSchema(CapturedOperation operation) {
    List<Response> successes = operation.responses().stream()
        .filter(response -> response.status().matches("2\\d\\d") || response.status().equalsIgnoreCase("2XX"))
        .sorted(Comparator.comparing(response -> response.status().toUpperCase(Locale.ROOT)))
        .toList();
    List<JsonNode> schemas = new ArrayList<>();
    for (Response response : successes) {
      Optional<JsonNode> schema = jsonContent(response).map(MediaContent::schema);
      if (schema.isEmpty()) {
        return Optional.empty();
      }
      if (!schemas.contains(schema.get())) {
        schemas.add(schema.get());
      }
    }
    if (schemas.size() <= 1) {
      return schemas.stream().findFirst();
    }
    ObjectNode anyOf = JsonNodeFactory.instance.objectNode();
    schemas.forEach(anyOf.putArray("anyOf")::add);
    return Optional.of(anyOf);
  }

  private static Optional<MediaContent> jsonContent(Response response) {
    return response.contents().stream()
        .filter(content -> content.schema() != null)
        .filter(content -> content.mediaType().toLowerCase(Locale.ROOT).contains("json"))
        .findFirst();
  }

  private Optional<ToolOutput> shape(JsonNode schema) {
    ObjectNode root;
    boolean wrapped;
    if (schema.isBoolean()) {
      if (!schema.booleanValue()) {
        return Optional.empty(); // no response body is valid: nothing to describe
      }
      root = StructuredOutput.envelope(JsonNodeFactory.instance.objectNode());
      wrapped = true;
    } else if (new ObjectCheck().isObject(schema)) {
      root = statedObject((ObjectNode) schema.deepCopy());
      wrapped = false;
    } else {
      root = StructuredOutput.envelope(schema.deepCopy());
      wrapped = true;
    }
    StructuredOutput.removeClientDependentKeywords(root);
    SchemaText.clean(root);
    SortedMap<String, JsonNode> reached = defs.closure(List.of(schema));
    if (!reached.isEmpty()) {
      ObjectNode holder = root.putObject("$defs");
      reached.forEach((name, definition) -> {
        JsonNode shared = prepared.computeIfAbsent(name, known -> prepare(definition));
        defs.copies().output(name, shared);
        holder.set(name, shared);
      });
    }
    return Optional.of(new ToolOutput(root, wrapped));
  }

  /**
   * A shared definition as every output schema carries it: client-dependent keywords removed, text cleaned. Made once
   * and then shared, never copied, by every tool that reaches it (Microsoft Graph's tools reach 32 on average): the
   * output schemas of a toolpack take memory in proportion to the distinct definitions, not to tools × definitions.
   * Nothing changes a prepared definition afterwards; it is only read (checked, digested, written).
   */
  private static JsonNode prepare(JsonNode definition) {
    JsonNode copy = definition.deepCopy();
    StructuredOutput.removeClientDependentKeywords(copy);
    if (copy.isObject()) {
      SchemaText.clean((ObjectNode) copy);
    }
    return copy;
  }

  /** The schema with {@code type: "object"} first, and root property schemas as objects (clients refuse booleans). */
  private static ObjectNode statedObject(ObjectNode schema) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("type", "object");
    schema.properties().forEach(field -> {
      if (!field.getKey().equals("type")) {
        root.set(field.getKey(), field.getValue());
      }
    });
    JsonNode properties = root.get("properties");
    if (properties != null && properties.isObject()) {
      ((ObjectNode) properties).properties().forEach(property -> {
        if (property.getValue().isBoolean()) {
          ObjectNode equivalent = JsonNodeFactory.instance.objectNode();
          if (!property.getValue().booleanValue()) {
            equivalent.putObject("not");
          }
          property.setValue(equivalent);
        }
      });
    }
    return root;
  }

  /**
   * Whether a schema admits only JSON objects (as the source meant it: {@code properties} alone counts). Each shared
   * definition is judged once per schema and a reference cycle counts as "not provably an object", so a hostile
   * document cannot make this exponential.
   */
  private final class ObjectCheck {
    private final java.util.Map<String, Boolean> judged = new java.util.HashMap<>();

    boolean isObject(JsonNode schema) {
      if (schema == null || !schema.isObject()) {
        return false;
      }
      JsonNode type = schema.get("type");
      if (type != null) {
        return type.isTextual() ? type.asText().equals("object") : type.isArray() && allObject(type);
      }
      JsonNode ref = schema.get("$ref");
      if (ref != null && ref.isTextual() && isObjectRef(ref.asText())) {
        return true;
      }
      if (schema.has("properties")) {
        return true;
      }
      JsonNode allOf = schema.get("allOf");
      if (allOf != null && allOf.isArray()) {
        for (JsonNode part : allOf) {
          if (isObject(part)) {
            return true; // an intersection with an object schema admits only objects
          }
        }
      }
      for (String keyword : List.of("anyOf", "oneOf")) {
        JsonNode branches = schema.get(keyword);
        if (branches != null && branches.isArray() && !branches.isEmpty() && everyBranchIsObject(branches)) {
          return true;
        }
      }
      return false;
    }

    private boolean isObjectRef(String ref) {
      Boolean known = judged.get(ref);
      if (known != null) {
        return known;
      }
      judged.put(ref, false); // while judging it: a cycle back to it proves nothing
      boolean result = isObject(defs.lookup(ref));
      judged.put(ref, result);
      return result;
    }

    private boolean everyBranchIsObject(JsonNode branches) {
      for (JsonNode branch : branches) {
        if (!isObject(branch)) {
          return false;
        }
      }
      return true;
    }
  }

  private static boolean allObject(JsonNode types) {
    if (types.isEmpty()) {
      return false;
    }
    for (JsonNode type : types) {
      if (!"object".equals(type.textValue())) {
        return false;
      }
    }
    return true;
  }
}
