package dev.cask.maven.report;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.runtime.text.ControlCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compact table printed to the build log: a verdict line, counts, then the most severe changes first, one per
 * line, cut after a limit. Untrusted text has its control and invisible characters escaped ({@link ControlCharacters})
 * so that a description cannot move the cursor, recolour a terminal or hide what it says.
 */
public final class ConsoleTable {
  public static final int DEFAULT_ROWS = 25;
  private static final int SUBJECT_WIDTH = 36;

  private ConsoleTable() {}

  public static List<String> lines(ToolpackDiff diff, int maxRows) {
    List<String> lines = new ArrayList<>();
    lines.add(Wording.title(diff) + " of " + diff.toolpack() + " " + Wording.comparedWith(diff) + " " + safe(diff.baseline())
        + ": " + Wording.verdict(diff));
    lines.add("Tools: " + Wording.toolCounts(diff) + ". Unapproved: " + counts(diff.countBySeverity(false))
        + ". Accepted: " + counts(diff.countBySeverity(true)) + ". Threshold: " + Wording.threshold(diff) + ".");
    List<Change> changes = diff.allChanges().stream().sorted(Change.ORDER).toList();
    if (changes.isEmpty()) {
      return lines;
    }
    lines.add(String.format(java.util.Locale.ROOT, "  %-4s %-8s %-26s %-24s %s", "", "SEVERITY", "RULE", "TOOL", "CHANGE"));
    int shown = 0;
    for (Change change : changes) {
      if (shown++ == maxRows) {
        lines.add("  " + Wording.moreRows(changes.size() - maxRows, diff.kind().fileStem()));
        break;
      }
      String marker = change.fails(diff.threshold()) ? "FAIL" : change.isAccepted() ? "ok" : "";
      String tool = change.tool() == null ? Wording.TOOLPACK_ROW : change.tool();
      String text = Wording.sentence(change) + (change.isAccepted() ? " [" + Wording.approval(change) + "]" : "");
      lines.add(String.format(java.util.Locale.ROOT, "  %-4s %-8s %-26s %-24s %s", marker, change.severity().wireName(),
          change.rule().id(), safe(tool), safe(shorten(text))));
    }
    return lines;
  }

  private static String counts(Map<Severity, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      parts.add(counts.get(severity) + " " + severity.wireName());
    }
    return String.join(", ", parts);
  }

  private static String shorten(String text) {
    int max = SUBJECT_WIDTH * 3;
    return text.length() > max ? text.substring(0, max - 1) + "…" : text;
  }

  /** Untrusted text with control and invisible characters escaped ({@link ControlCharacters}), for a terminal. */
  public static String safe(String text) {
    return ControlCharacters.escape(text);
  }
}
