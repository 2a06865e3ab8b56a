package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The output schema of a tool: the JSON schema of the operation's success response, when it describes an object.
 *
 * <p>The success response is the lowest documented 2xx status (then {@code 2XX}); its JSON media type is used. MCP
 * requires structured tool output to be an object, so a response whose root is not an object (an array, a string) gets
 * no output schema and the runtime returns it as text. References are made self-contained with {@code $defs}.
 */
final class OutputSchemaBuilder {
  private final SchemaDefs defs;

  OutputSchemaBuilder(SchemaDefs defs) {
    this.defs = defs;
  }

  Optional<ObjectNode> build(CapturedOperation operation) {
    return successResponse(operation)
        .flatMap(OutputSchemaBuilder::jsonContent)
        .map(MediaContent::schema)
        .filter(schema -> isObject(schema, 0))
        .map(
            schema -> {
              ObjectNode root = (ObjectNode) schema.deepCopy();
              defs.attach(root, List.of(schema));
              return root;
            });
  }

  private static Optional<Response> successResponse(CapturedOperation operation) {
    return operation.responses().stream()
        .filter(response -> response.status().matches("2\\d\\d"))
        .min((a, b) -> a.status().compareTo(b.status()))
        .or(() -> operation.responses().stream().filter(r -> r.status().equalsIgnoreCase("2XX")).findFirst());
  }

  private static Optional<MediaContent> jsonContent(Response response) {
    return response.contents().stream()
        .filter(content -> content.schema() != null)
        .filter(content -> content.mediaType().toLowerCase(Locale.ROOT).contains("json"))
        .findFirst();
  }

  /** Whether the schema's root is an object: {@code type: object}, or only properties, or an allOf of objects. */
  private boolean isObject(JsonNode schema, int depth) {
    if (schema == null || !schema.isObject() || depth > 16) {
      return false;
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      return type.isTextual() && type.asText().equals("object");
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      return ref.startsWith(SchemaDefs.PREFIX) && isObject(defs.lookup(ref), depth + 1);
    }
    if (schema.has("properties")) {
      return true;
    }
    JsonNode allOf = schema.get("allOf");
    if (allOf != null && allOf.isArray() && allOf.size() > 0) {
      for (JsonNode part : allOf) {
        if (!isObject(part, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
