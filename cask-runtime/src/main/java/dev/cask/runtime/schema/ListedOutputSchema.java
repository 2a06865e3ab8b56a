package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import java.util.List;

/**
 * A tool's output schema as {@code tools/list} sends it: the approved schema without the keywords that only annotate
 * ({@code title}, {@code description}, {@code examples}, {@code default}, {@code deprecated}, {@code readOnly},
 * {@code writeOnly}, {@code $comment}), in every subschema. A client uses an output schema to check structured
 * results, which those keywords never change, and clients do not show it to the model; they were 36% of GitHub's
 * 8.6 MB list. Only schema positions lose them ({@link SchemaWalker}): a property <em>named</em> {@code description}
 * and data ({@code enum}, {@code const}) stay as they are. The approved schema itself (its digest, the lockfile, the
 * server's own checks) is untouched.
 *
 * <p>The listed schema carries a {@code $id} made of its own SHA-256 ({@code urn:cask:output-schema:sha256:…}): equal
 * schemas get equal ids, and a client that keys compiled validators by {@code $id} (the official TypeScript SDK's ajv
 * provider does) compiles each distinct schema once. GitHub's 891 output schemas are 454 distinct ones, and that
 * compile is most of what the official client spends listing them. The id names content, never a place, so no
 * {@code $ref} can reach outside the schema through it.
 */
public final class ListedOutputSchema {
  /** JSON Schema 2020-12 meta-data annotations, and comments. */
  static final List<String> ANNOTATIONS =
      List.of("title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment");

  /** The prefix of the content-derived {@code $id}; the canonical digest ({@code sha256:<hex>}) follows it. */
  public static final String ID_PREFIX = "urn:cask:output-schema:";

  private ListedOutputSchema() {}

  /**
   * A copy of {@code schema} without annotations, identified by its digest; the argument is not modified. Output
   * schemas are objects (MCP requires {@code type: object} at the root, {@code StructuredOutput}).
   */
  public static JsonNode of(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    SchemaWalker.visit(copy, node -> ((ObjectNode) node).remove(ANNOTATIONS));
    if (!(copy instanceof ObjectNode object) || object.has("$id")) {
      return copy; // a schema with its own base URI keeps it: its references may be written against it
    }
    ObjectNode identified = JsonNodeFactory.instance.objectNode();
    identified.put("$id", ID_PREFIX + CanonicalJson.digest(object));
    identified.setAll(object);
    return identified;
  }
}
