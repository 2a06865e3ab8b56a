package dev.cask.maven.gate;

import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiffer;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.report.Wording;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.text.ControlCharacters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a tool changed since the definition its last decision was signed for, in {@code cask:diff}'s rule ids and
 * wording. The lockfile pins digests only, so this needs a baseline toolpack ({@code cask.baseline}); its definition
 * is used only when its digest is exactly the one the lockfile pins, so a stale or edited baseline never explains a
 * change it did not see. Without one, interactive approval says "changed", not how.
 */
public final class ChangeDetails {
  private static final ChangeDetails NONE = new ChangeDetails(null, Map.of());

  private final String baselineLabel;
  private final Map<String, ToolDiff> byOperation;

  private ChangeDetails(String baselineLabel, Map<String, ToolDiff> byOperation) {
    this.baselineLabel = baselineLabel;
    this.byOperation = byOperation;
  }

  public static ChangeDetails none() {
    return NONE;
  }

  /** The changes from {@code approved} (a baseline toolpack) to {@code current}, by operation id. */
  public static ChangeDetails between(ToolpackSnapshot approved, ToolSet current) {
    Objects.requireNonNull(approved, "approved");
    Map<String, ToolDiff> byOperation = new HashMap<>();
    for (ToolDiff diff : ToolpackDiffer.diff(approved, ToolpackSnapshot.of("current", current), null, null).tools()) {
      if (diff.operation() != null) {
        byOperation.putIfAbsent(diff.operation(), diff);
      }
    }
    return new ChangeDetails(approved.label(), Map.copyOf(byOperation));
  }

  /**
   * Lines (rule id, severity, what changed) for a tool whose definition differs from the one {@code previous} pins;
   * empty when nothing is known or nothing changed.
   */
  public List<String> lines(Tool tool, LockEntry previous) {
    if (baselineLabel == null || previous == null || previous.digest().equals(tool.digest())) {
      return List.of();
    }
    ToolDiff diff = byOperation.get(tool.definition().operation().id());
    if (diff == null || !previous.digest().equals(diff.baselineDigest())) {
      return List.of("(" + safe(baselineLabel) + " does not hold the definition the lockfile pins, so it cannot show how;"
          + " give the toolpack of the last approval as -Dcask.baseline)");
    }
    return diff.changes().stream()
        .map(change -> change.severity().wireName() + " " + change.rule().id() + ": " + safe(Wording.sentence(change)))
        .toList();
  }

  /** Control and invisible characters from an API description must not reach the reviewer's terminal as they are. */
  static String safe(String text) {
    return ControlCharacters.escape(text);
  }
}
