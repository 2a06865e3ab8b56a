package dev.cask.runtime.model.capture;

import java.util.Comparator;
import java.util.Objects;

/**
 * An operation of a source that is not compiled into a tool of its own, and why: it is not sound (a parameter without a
 * name, a schema that is not valid JSON Schema ...), or it is the same HTTP operation as another one of the same source
 * whose path differs only in placeholder names, which one tool covers. Recorded in {@code capture.json} and in the
 * manifest {@code toolpack.yaml}, so that a reviewer, {@code cask:diff} and the gate see what the build left out.
 *
 * @param source the source path, as in {@link CaptureSource#path()}
 * @param pointer where the operation (or the part of it that is not sound) is declared: a JSON pointer into the source
 * @param operation the HTTP method and the path as declared ({@code GET /v1/{name}}), or null when not known
 * @param reason why it is left out, for people
 * @param coveredBy for an operation that differs from another only in placeholder names: the pointer (in the same
 *     source) of the operation whose tool covers it; null otherwise
 */
public record LeftOutOperation(String source, String pointer, String operation, String reason, String coveredBy) {
  /** Report order: by source, then pointer. */
  public static final Comparator<LeftOutOperation> ORDER =
      Comparator.comparing(LeftOutOperation::source).thenComparing(LeftOutOperation::pointer);

  public LeftOutOperation {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(reason, "reason");
  }

  /** What identifies it across builds: the source and the operation (or, without one, the pointer). */
  public String identity() {
    return source + " " + (operation != null ? operation : pointer);
  }

  /** One line for a build log or a table: {@code api.yaml#/paths/~1x/get (GET /x): reason}. */
  public String line() {
    return source + "#" + pointer + (operation == null ? "" : " (" + operation + ")") + ": " + reason;
  }
}
