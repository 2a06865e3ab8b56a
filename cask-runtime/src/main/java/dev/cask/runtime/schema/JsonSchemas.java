package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Schema 2020-12 checks shared by the compiler (is a generated schema valid?) and the runtime (are these arguments
 * valid?). Backed by networknt's json-schema-validator, the validator the MCP Java SDK itself uses, configured never to
 * fetch anything remote: a hostile {@code $ref} must not become a network request.
 */
public final class JsonSchemas {
  /** The dialect every Cask schema declares implicitly. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private JsonSchemas() {}

  /** Problems of a schema against the 2020-12 meta-schema, plus references that do not resolve inside it. */
  public static List<String> problems(JsonNode schema) {
    List<String> problems = new ArrayList<>(metaSchemaProblems(schema));
    problems.addAll(referenceProblems(schema));
    return problems;
  }

  /** Problems of a schema against the 2020-12 meta-schema only. */
  public static List<String> metaSchemaProblems(JsonNode schema) {
    return MetaHolder.META.validate(schema).stream().map(JsonSchemas::describe).toList();
  }

  /** References that are not local or do not resolve inside the schema. */
  public static List<String> referenceProblems(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    collectUnresolvedRefs(schema, problems);
    return problems;
  }

  /** A validator for instances of the given schema. */
  public static CompiledSchema compile(JsonNode schema) {
    return new CompiledSchema(REGISTRY.getSchema(schema));
  }

  static String describe(Error error) {
    String where = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    return (where.isEmpty() ? "$" : where) + ": " + error.getMessage();
  }

  /** Only local references ({@code #}, {@code #/$defs/...}) are allowed, and each must point at something. */
  private static void collectUnresolvedRefs(JsonNode root, List<String> problems) {
    SchemaWalker.walk(root, (pointer, schema) -> {
      JsonNode ref = schema.get("$ref");
      if (ref == null) {
        return;
      }
      if (!ref.isTextual() || !ref.asText().startsWith("#")) {
        problems.add(pointer + "/$ref: only local references ('#/...') are allowed, found " + ref);
      } else if (root.at(ref.asText().substring(1)).isMissingNode()) {
        problems.add(pointer + "/$ref: '" + ref.asText() + "' does not resolve inside the schema");
      }
    });
  }

  /** Lazily loads the meta-schema from the validator's bundled copy. */
  private static final class MetaHolder {
    static final Schema META = REGISTRY.getSchema(SchemaLocation.of(DIALECT));
  }
}
