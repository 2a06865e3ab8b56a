package dev.cask.maven.importers;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.LeftOutOperation;
import java.util.List;

/**
 * What a build says about operations it cannot compile: by default one warning per operation (file, place, reason) and
 * the build goes on with the others; with {@code -Dcask.strict=true} the build fails listing every one of them. The
 * import and the compile both report through here, so the wording and the rule are the same.
 */
public final class LeftOutOperations {
  private static final int SHOWN = 50;

  private LeftOutOperations() {}

  /**
   * @param what the step that left them out, for the failure message ({@code "import"}, {@code "compile"})
   * @throws CaskException when {@code strict} and anything was left out
   */
  public static void report(List<LeftOutOperation> leftOut, boolean strict, String what, BuildLog log) {
    if (leftOut.isEmpty()) {
      return;
    }
    List<LeftOutOperation> operations = leftOut.stream().filter(op -> op.coveredBy() == null).toList();
    if (strict && !operations.isEmpty()) {
      LeftOutOperation first = operations.get(0);
      StringBuilder list = new StringBuilder();
      operations.stream().limit(SHOWN).forEach(op -> list.append("\n  ").append(op.line()));
      if (operations.size() > SHOWN) {
        list.append("\n  ... and ").append(operations.size() - SHOWN).append(" more");
      }
      throw new CaskException(first.source(), first.pointer(),
          operations.size() + " operation(s) cannot be compiled (found by the " + what + "), and -Dcask.strict=true"
              + " makes that an error:" + list,
          "correct each operation named, or build without -Dcask.strict to leave them out with a warning");
    }
    for (LeftOutOperation op : leftOut) {
      if (op.coveredBy() != null) {
        log.info(op.source() + " at " + op.pointer() + ": " + op.operation() + " is " + op.reason());
      } else {
        log.warn(op.source() + " at " + op.pointer() + ": left out" + (op.operation() == null ? "" : " " + op.operation())
            + ": " + op.reason() + " (-Dcask.strict=true fails the build instead)");
      }
    }
  }

  /** The error when not one operation can be compiled: a toolpack of nothing is no toolpack. */
  public static CaskException noneCompiled(List<LeftOutOperation> leftOut) {
    LeftOutOperation first = leftOut.get(0);
    boolean oneCause = leftOut.stream()
        .allMatch(op -> op.source().equals(first.source()) && op.pointer().equals(first.pointer()) && op.reason().equals(first.reason()));
    if (oneCause) { // one operation, or one place every operation depends on (no server URL at all)
      return new CaskException(first.source(), first.pointer(), first.reason(), null);
    }
    List<String> others = leftOut.subList(1, Math.min(leftOut.size(), 6)).stream()
        .map(op -> op.source().equals(first.source()) ? op.pointer() : op.source() + "#" + op.pointer()).toList();
    String more = others.isEmpty() ? ""
        : " (and " + (leftOut.size() - 1) + " more: " + String.join(", ", others) + (leftOut.size() > 6 ? ", ..." : "") + ")";
    return new CaskException(first.source(), first.pointer(),
        "none of its " + leftOut.size() + " operations can be compiled" + more + "; the first: " + first.reason(), null);
  }
}
