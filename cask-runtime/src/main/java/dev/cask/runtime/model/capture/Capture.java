package dev.cask.runtime.model.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.Lists;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The normalised, redacted description of an API that every importer produces and the compiler consumes.
 *
 * <p>Operations are sorted by identity; shared JSON Schemas live in {@link #schemas()} and operation schemas refer to
 * them as {@code #/$defs/Name}. Nothing in a capture depends on where or when it was made.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param sources the input documents, in input order
 * @param operations every operation, sorted by {@link CapturedOperation#key()}
 * @param schemas shared named JSON Schemas (2020-12)
 * @param securitySchemes named security schemes
 * @param redactions what was redacted and by which rule (never the values)
 * @param leftOut operations of the sources that are not compiled into tools of their own, sorted by source and
 *     pointer; null (absent from {@code capture.json}) when there are none
 */
public record Capture(
    int formatVersion,
    List<CaptureSource> sources,
    List<CapturedOperation> operations,
    SortedMap<String, JsonNode> schemas,
    SortedMap<String, SecurityScheme> securitySchemes,
    List<Redaction> redactions,
    List<LeftOutOperation> leftOut) {

  public static final int FORMAT_VERSION = 1;

  public Capture {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported capture format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    sources = Lists.copy(sources);
    operations =
        Lists.copy(operations).stream().sorted(Comparator.comparing(CapturedOperation::key)).toList();
    SortedMap<String, JsonNode> schemaCopy = new TreeMap<>();
    if (schemas != null) {
      schemas.forEach((name, schema) -> schemaCopy.put(name, schema.deepCopy()));
    }
    schemas = Lists.sortedCopy(schemaCopy);
    securitySchemes = Lists.sortedCopy(securitySchemes);
    redactions = Lists.copy(redactions);
    leftOut = leftOut == null || leftOut.isEmpty() ? null : leftOut.stream().sorted(LeftOutOperation.ORDER).toList();
  }

  public static Capture of(
      List<CaptureSource> sources,
      List<CapturedOperation> operations,
      SortedMap<String, JsonNode> schemas,
      SortedMap<String, SecurityScheme> securitySchemes,
      List<Redaction> redactions) {
    return new Capture(FORMAT_VERSION, sources, operations, schemas, securitySchemes, redactions, null);
  }

  /** The left-out operations, empty when there are none. */
  public List<LeftOutOperation> leftOutOperations() {
    return leftOut == null ? List.of() : leftOut;
  }

  /** The same capture with these left-out operations. */
  public Capture withLeftOut(List<LeftOutOperation> operationsLeftOut) {
    return new Capture(formatVersion, sources, operations, schemas, securitySchemes, redactions, operationsLeftOut);
  }
}
