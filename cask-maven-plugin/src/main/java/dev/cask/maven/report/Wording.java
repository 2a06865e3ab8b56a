package dev.cask.maven.report;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolStatus;
import dev.cask.maven.diff.ToolpackDiff;
import java.util.Locale;

/**
 * Every sentence and label the reports show, in one place, so that Markdown, SARIF, JUnit, the console and the site
 * report say the same thing the same way. Rule titles and explanations live in the rule catalog.
 */
public final class Wording {
  public static final String TOOLPACK_ROW = "(toolpack)";
  public static final String UNAPPROVED = "unapproved";
  public static final String NO_THRESHOLD = "none (cask.failOn=none)";

  private Wording() {}

  /** {@code Cask diff} or {@code Cask drift}. */
  public static String title(ToolpackDiff diff) {
    return diff.kind() == ToolpackDiff.Kind.DIFF ? "Cask diff" : "Cask drift";
  }

  /** The one-line verdict. */
  public static String verdict(ToolpackDiff diff) {
    int failing = diff.failing().size();
    if (diff.threshold() == null) {
      return count(diff.allChanges().size(), "change") + " (no threshold: the build does not fail on changes)";
    }
    if (failing > 0) {
      return count(failing, "unapproved change") + " at or above " + diff.threshold().wireName() + ": the build fails";
    }
    return "no unapproved change at or above " + diff.threshold().wireName();
  }

  public static String threshold(ToolpackDiff diff) {
    return diff.threshold() == null ? NO_THRESHOLD : diff.threshold().wireName();
  }

  public static String comparedWith(ToolpackDiff diff) {
    return diff.kind() == ToolpackDiff.Kind.DIFF ? "compared with" : "capture compared with";
  }

  /** How a tool's status reads in this kind of report (drift speaks of endpoints seen and not seen). */
  public static String status(ToolpackDiff diff, ToolStatus status) {
    if (diff.kind() == ToolpackDiff.Kind.DRIFT) {
      return switch (status) {
        case ADDED -> "shadow";
        case REMOVED -> "not seen";
        case CHANGED -> "drifted";
        case UNCHANGED -> "matches";
      };
    }
    return status.wireName();
  }

  public static String toolCounts(ToolpackDiff diff) {
    return diff.count(ToolStatus.ADDED) + " " + status(diff, ToolStatus.ADDED)
        + " · " + diff.count(ToolStatus.REMOVED) + " " + status(diff, ToolStatus.REMOVED)
        + " · " + diff.count(ToolStatus.CHANGED) + " " + status(diff, ToolStatus.CHANGED)
        + " · " + diff.count(ToolStatus.UNCHANGED) + " " + status(diff, ToolStatus.UNCHANGED);
  }

  /** {@code accepted (alice, bob)} or {@code unapproved}. */
  public static String approval(Change change) {
    return change.isAccepted() ? "accepted (" + change.acceptance().signerText() + ")" : UNAPPROVED;
  }

  /** A tool's approval state: accepted when every change is covered. */
  public static String approval(ToolDiff tool) {
    if (tool.changes().isEmpty()) {
      return "";
    }
    return tool.fullyAccepted() ? approval(tool.changes().get(0)) : UNAPPROVED;
  }

  /** One line for a change: rule title, subject and detail. */
  public static String sentence(Change change) {
    StringBuilder text = new StringBuilder(change.rule().title());
    if (!change.subject().isEmpty()) {
      text.append(": ").append(change.subject());
    }
    if (!change.detail().isEmpty()) {
      text.append(" (").append(change.detail()).append(')');
    }
    return text.toString();
  }

  public static String severityLabel(Severity severity) {
    return severity.wireName();
  }

  /** The Markdown badge of a severity: a coloured marker readers can scan. */
  public static String severityBadge(Severity severity) {
    String marker = switch (severity) {
      case CRITICAL -> "🔴";
      case HIGH -> "🟠";
      case MEDIUM -> "🟡";
      case LOW -> "🔵";
      case INFO -> "⚪";
    };
    return marker + " " + severity.wireName();
  }

  public static String failMarker(boolean fails) {
    return fails ? "❌" : "✅";
  }

  public static String failingSummary(ToolDiff tool, Severity threshold) {
    long failing = tool.changes().stream().filter(change -> change.fails(threshold)).count();
    return count((int) failing, "unapproved change") + " at or above " + (threshold == null ? "-" : threshold.wireName());
  }

  public static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  public static String truncatedDetails(int omitted, String stem) {
    return "… " + count(omitted, "more tool") + " not shown here to keep the comment short: see " + stem
        + ".json or " + stem + ".sarif in the build artifacts.";
  }

  public static String moreRows(int omitted, String stem) {
    return "… and " + count(omitted, "more change") + " (see target/cask/" + stem + ".md)";
  }

  public static String newDescription() {
    return "Description the agent will read:";
  }

  public static String wordDiffLegend() {
    return "Word diff ([-removed-] {+added+}):";
  }

  public static String hiddenChanges(int n) {
    return count(n, "change") + " hidden";
  }

  public static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
