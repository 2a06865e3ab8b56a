package dev.cask.maven.importers.traffic;

import dev.cask.maven.log.BuildLog;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warnings about single calls (an unreadable body, an unparseable URL), each naming the file and the entry. A capture
 * of a million calls must not print a million lines: the first {@value #SHOWN} of each kind are logged, the rest
 * counted and summarised once. Messages must already be redacted.
 */
public final class Warnings {
  static final int SHOWN = 10;

  private final BuildLog log;
  private final Map<String, Integer> counts = new TreeMap<>();

  public Warnings(BuildLog log) {
    this.log = log;
  }

  /**
   * @param kind a short key grouping similar warnings, e.g. {@code unreadable-json}
   * @param where the file and entry, e.g. {@code app.har#entries/3}
   * @param message what happened (redacted)
   */
  public void warn(String kind, String where, String message) {
    int count = counts.merge(kind, 1, Integer::sum);
    if (count <= SHOWN) {
      log.warn(where + ": " + message);
    }
  }

  /** Logs how many warnings of each kind were not shown. */
  public void summarize(String source) {
    counts.forEach((kind, count) -> {
      if (count > SHOWN) {
        log.warn(source + ": " + (count - SHOWN) + " more '" + kind + "' warnings not shown (" + count + " in all)");
      }
    });
  }

  public int count(String kind) {
    return counts.getOrDefault(kind, 0);
  }
}
