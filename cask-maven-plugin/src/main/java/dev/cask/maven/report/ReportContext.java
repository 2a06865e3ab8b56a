package dev.cask.maven.report;

import dev.cask.runtime.model.Lists;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What report writers need besides the result, decided by the caller so that writers stay pure functions of their
 * input.
 *
 * @param fallbackUri the project-relative file a SARIF result points at when its tool has no source document (the
 *     lockfile when there is one, else the pom)
 * @param sourceLines {@code source#pointer} → 1-based line of that place in the source document (see
 *     {@link SourceLineFinder}); missing entries give file-level locations
 * @param version the plugin version written into SARIF, or null
 */
public record ReportContext(String fallbackUri, SortedMap<String, Integer> sourceLines, String version) {
  public ReportContext {
    Objects.requireNonNull(fallbackUri, "fallbackUri");
    sourceLines = Lists.sortedCopy(sourceLines);
  }

  public static ReportContext of(String fallbackUri) {
    return new ReportContext(fallbackUri, null, null);
  }

  public Integer line(String source, String pointer) {
    return sourceLines.get(source + "#" + (pointer == null ? "" : pointer));
  }

  public ReportContext withLines(Map<String, Integer> lines) {
    return new ReportContext(fallbackUri, new java.util.TreeMap<>(lines), version);
  }
}
