package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a tool's JSON response becomes MCP structured content: the one rule the compiler shapes output schemas by and the
 * server shapes results and checks toolpacks by.
 *
 * <p>MCP clients accept an output schema only with root {@code type: "object"} (the official TypeScript SDK rejects the
 * <em>whole</em> {@code tools/list} otherwise) and check the structured content against it. So:
 *
 * <ul>
 *   <li>a response whose schema is an object is the structured content as is, its schema declaring
 *       {@code type: "object"} at the root even where the source only implied it;
 *   <li>any other response (an array, a scalar, null, or a schema that allows one of these) is wrapped: the
 *       structured content is {@code {"result": body}} and the output schema the envelope
 *       {@code {"type":"object","properties":{"result": S},"required":["result"]}} (the shape of MCP's SEP-2106), with
 *       the tool's {@code $defs} at the envelope's root so that every {@code #/$defs/…} reference still resolves;
 *   <li>the output schema carries no keyword that clients read their own way ({@link #CLIENT_DEPENDENT}): the
 *       TypeScript SDK asserts {@code format} (it refuses GitHub's real {@code "homepage": ""} against
 *       {@code format: uri}), compiles {@code pattern} as ECMAScript and refuses {@code nullable} without {@code type},
 *       so content the server accepted could be refused by the client, or the whole list with it. The server checks the
 *       same schema the client does.
 * </ul>
 */
public final class StructuredOutput {
  /** The envelope's one property. */
  public static final String RESULT = "result";

  /**
   * Keywords left out of output schemas, because clients give them a meaning of their own: {@code format} and the
   * regular-expression keywords (each validator has its own formats and regex dialect), {@code uniqueItems} (validators
   * disagree whether {@code 1} and {@code 1.0} are equal) and OpenAPI's {@code nullable}, which is no JSON Schema
   * keyword but which the SDK's validator (Ajv) reads as OpenAPI's and refuses to compile without a {@code type} — and a
   * schema it cannot compile makes {@code listTools()} fail as a whole.
   */
  public static final Set<String> CLIENT_DEPENDENT =
      Set.of("format", "pattern", "patternProperties", "uniqueItems", "nullable");

  private static final String FIX =
      "compile the toolpack again with this version of Cask (mvn cask:compile), then approve the changed tools";

  private StructuredOutput() {}

  /** The envelope around a non-object response schema; the caller adds {@code $defs} at its root. */
  public static ObjectNode envelope(JsonNode responseSchema) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("type", "object");
    envelope.putObject("properties").set(RESULT, responseSchema);
    envelope.putArray("required").add(RESULT);
    return envelope;
  }

  /** The structured content of a tool's (redacted) JSON response body. */
  public static JsonNode content(ToolDefinition tool, JsonNode body) {
    if (!tool.wrapsOutput()) {
      return body;
    }
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.set(RESULT, body);
    return envelope;
  }

  /**
   * Removes the {@link #CLIENT_DEPENDENT} keywords from every subschema, in place. Where {@code patternProperties} goes,
   * the {@code additionalProperties} and {@code unevaluatedProperties} beside it go too: they depended on which names the
   * patterns matched, and keeping them would refuse those properties.
   */
  public static void removeClientDependentKeywords(JsonNode schema) {
    SchemaWalker.visit(schema, node -> {
      ObjectNode object = (ObjectNode) node;
      if (object.has("patternProperties")) {
        object.remove(List.of("additionalProperties", "unevaluatedProperties"));
      }
      object.remove(CLIENT_DEPENDENT);
    });
  }

  /**
   * Why a tool's output cannot be served to MCP clients as it is, or empty: the same rule the compiler applies, so only
   * a toolpack compiled by an older Cask (or not by Cask) fails it.
   */
  public static Optional<String> problem(ToolDefinition tool) {
    JsonNode schema = tool.outputSchema();
    if (schema == null) {
      return tool.wrapsOutput() ? Optional.of("wraps its output but has no outputSchema") : Optional.empty();
    }
    if (!schema.isObject() || !"object".equals(schema.path("type").textValue())) {
      return Optional.of("outputSchema's root is not {\"type\": \"object\"} (MCP clients refuse the whole tool list)");
    }
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      if (!properties.isObject()) {
        return Optional.of("outputSchema's root 'properties' is not an object");
      }
      for (var property : properties.properties()) {
        if (!property.getValue().isObject()) {
          return Optional.of("outputSchema's property '" + property.getKey() + "' is not a schema object");
        }
      }
    }
    JsonNode required = schema.get("required");
    if (required != null && (!required.isArray() || !allText(required))) {
      return Optional.of("outputSchema's root 'required' is not a list of names");
    }
    if (schema.has("$schema")) {
      return Optional.of("outputSchema declares '$schema' (clients validate with their own default dialect)");
    }
    if (tool.wrapsOutput()
        && (properties == null || !properties.has(RESULT) || required == null || !contains(required, RESULT))) {
      return Optional.of("wraps its output but outputSchema is not the {\"result\": …} envelope");
    }
    boolean[] found = {false};
    SchemaWalker.visit(schema, node -> found[0] |= hasClientDependent(node));
    if (found[0]) {
      // Rare (an old toolpack): walk again to name the place.
      List<String> places = new ArrayList<>();
      SchemaWalker.walk(schema, (pointer, node) -> CLIENT_DEPENDENT.stream().filter(node::has).findFirst()
          .ifPresent(keyword -> places.add(pointer + "/" + keyword)));
      return Optional.of("outputSchema has '" + places.get(0) + "', which clients read their own way");
    }
    return Optional.empty();
  }

  private static boolean hasClientDependent(JsonNode schema) {
    for (String keyword : CLIENT_DEPENDENT) {
      if (schema.has(keyword)) {
        return true;
      }
    }
    return false;
  }

  /** What to do about a {@link #problem}. */
  public static String fix() {
    return FIX;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode array, String text) {
    for (JsonNode item : array) {
      if (text.equals(item.textValue())) {
        return true;
      }
    }
    return false;
  }
}
