package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A tool's output schema as {@code tools/list} sends it: the approved schema without the keywords that only annotate
 * ({@code title}, {@code description}, {@code examples}, {@code default}, {@code deprecated}, {@code readOnly},
 * {@code writeOnly}, {@code $comment}), in every subschema. A client uses an output schema to check structured
 * results, which those keywords never change, and clients do not show it to the model; they were 36% of GitHub's
 * 8.6 MB list. Only schema positions lose them ({@link SchemaWalker}): a property <em>named</em> {@code description}
 * and data ({@code enum}, {@code const}) stay as they are. The approved schema itself (its digest, the lockfile, the
 * server's own checks) is untouched.
 */
public final class ListedOutputSchema {
  /** JSON Schema 2020-12 meta-data annotations, and comments. */
  static final List<String> ANNOTATIONS =
      List.of("title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment");

  private ListedOutputSchema() {}

  /** A copy of {@code schema} without annotations; the argument is not modified. */
  public static JsonNode of(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    SchemaWalker.visit(copy, node -> ((ObjectNode) node).remove(ANNOTATIONS));
    return copy;
  }
}
