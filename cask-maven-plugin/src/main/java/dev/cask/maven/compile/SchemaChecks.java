package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.schema.JsonSchemas;
import dev.cask.runtime.schema.SchemaWalker;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates every generated tool schema against the JSON Schema 2020-12 meta-schema, and every reference in it.
 *
 * <p>Shared definitions are copied into many tools' {@code $defs} (GitHub's {@code repository} schema into hundreds):
 * each definition is meta-validated once and its result reused, while each tool's own part and all its references are
 * checked every time. The coverage is the same as validating every whole schema; the cost is not. Thread-safe.
 */
final class SchemaChecks {
  private final Map<String, List<String>> definitionProblems = new ConcurrentHashMap<>();

  List<String> problems(ObjectNode schema) {
    List<String> problems = new ArrayList<>();
    // The tool's own part: a shallow copy without $defs (validation only reads; copying the definitions deeply only
    // to drop them cost more than validating them).
    ObjectNode own = schema.objectNode();
    schema.properties().forEach(field -> {
      if (!field.getKey().equals("$defs")) {
        own.set(field.getKey(), field.getValue());
      }
    });
    JsonNode defs = schema.get("$defs");
    problems.addAll(JsonSchemas.metaSchemaProblems(own));
    if (defs != null) {
      defs.fields().forEachRemaining(def -> {
        String at = "/$defs/" + SchemaWalker.escape(def.getKey());
        definitionProblems
            .computeIfAbsent(def.getKey(), name -> JsonSchemas.metaSchemaProblems(def.getValue()))
            .forEach(problem -> problems.add(at + problem));
      });
    }
    problems.addAll(JsonSchemas.referenceProblems(schema));
    return problems;
  }
}
