package dev.cask.maven.compile;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which of the source's operations become tools ({@code cask.operations}): every one when no entry is given, else
 * those an entry matches. An entry is a path glob ({@link PathGlob}), optionally after an HTTP method:
 * {@code /users/**}, {@code GET /me}. A description too large for one toolpack (Microsoft Graph) is compiled in parts
 * this way, one toolpack per part. Tools keep the names they get in the whole source, so narrowing or widening the
 * selection never renames a tool.
 */
final class OperationSelection {
  private static final String PARAMETER = "cask.operations";

  private final List<String> entries;
  private final List<Entry> parsed;

  private OperationSelection(List<String> entries, List<Entry> parsed) {
    this.entries = List.copyOf(entries);
    this.parsed = parsed;
  }

  /** The selection the entries state; a malformed entry is an error naming it. */
  static OperationSelection of(List<String> entries) {
    List<Entry> parsed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      parsed.add(Entry.parse(entries.get(i), i));
    }
    return new OperationSelection(entries, parsed);
  }

  /** Whether every operation is selected (no entry). */
  boolean all() {
    return parsed.isEmpty();
  }

  boolean selects(CapturedOperation operation) {
    if (parsed.isEmpty()) {
      return true;
    }
    String path = operation.key().normalizedPath();
    return parsed.stream().anyMatch(entry -> entry.matches(operation.method(), path));
  }

  /** The entries as given, comma-separated. */
  String describe() {
    return String.join(", ", entries);
  }

  /** The error when the selection leaves nothing to compile. */
  CaskException selectsNothing(List<CapturedOperation> operations) {
    List<String> examples = operations.stream().limit(3)
        .map(operation -> operation.method() + " " + operation.key().pathTemplate()).toList();
    return new CaskException(PARAMETER, null, String.format(Locale.ROOT,
        "selects none of the source's %,d operations (%s)", operations.size(), describe()),
        "write each entry as a path glob on the host, base path included, optionally after a method: e.g. "
            + String.join(", ", examples));
  }

  private record Entry(HttpMethod method, Pattern path) {
    static Entry parse(String text, int index) {
      String entry = text == null ? "" : text.strip();
      int space = entry.indexOf(' ');
      HttpMethod method = null;
      String glob = entry;
      if (space > 0) {
        try {
          method = HttpMethod.parse(entry.substring(0, space));
        } catch (IllegalArgumentException e) {
          throw malformed(text, index, "'" + entry.substring(0, space) + "' is not an HTTP method");
        }
        glob = entry.substring(space + 1).strip();
      }
      if (!glob.startsWith("/") || glob.contains(" ")) {
        throw malformed(text, index, "a path glob starts with '/' and holds no spaces");
      }
      return new Entry(method, PathGlob.pattern(glob));
    }

    boolean matches(HttpMethod operationMethod, String normalizedPath) {
      return (method == null || method == operationMethod) && path.matcher(normalizedPath).matches();
    }

    private static CaskException malformed(String text, int index, String problem) {
      return new CaskException(PARAMETER, "entry " + (index + 1),
          "'" + text + "' is not an operation selection: " + problem,
          "write a path glob, optionally after a method: /users/**, GET /me, /groups/{id}/members");
    }
  }
}
