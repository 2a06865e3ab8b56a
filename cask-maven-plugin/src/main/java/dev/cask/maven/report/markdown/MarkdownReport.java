package dev.cask.maven.report.markdown;

import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.report.Wording;
import java.util.List;
import java.util.Map;

/**
 * {@code diff.md}: GitHub-flavoured Markdown for a sticky pull-request comment and a job summary. A one-screen summary
 * (verdict, counts by severity, one row per changed tool), then one collapsed {@code <details>} block per tool with
 * every change and the word diff of changed descriptions. The text stays under GitHub's comment limit: details that do
 * not fit are left out with a pointer to the full JSON and SARIF reports.
 */
public final class MarkdownReport {
  /** The first line, by which a workflow finds and updates its own sticky comment. */
  public static final String MARKER_PREFIX = "<!-- cask:";

  /** GitHub rejects comments over 65,536 characters; stay well below it. */
  static final int MAX_LENGTH = 60_000;

  static final int SUMMARY_ROWS = 30;

  private MarkdownReport() {}

  public static String render(ToolpackDiff diff) {
    return render(diff, MAX_LENGTH);
  }

  static String render(ToolpackDiff diff, int maxLength) {
    StringBuilder md = new StringBuilder();
    String stem = diff.kind().fileStem();
    md.append(MARKER_PREFIX).append(stem).append(" -->\n");
    md.append("## ").append(Wording.failMarker(diff.failed())).append(' ').append(Wording.title(diff)).append(": ")
        .append(Wording.verdict(diff)).append("\n\n");
    md.append("Toolpack ").append(Md.code(diff.toolpack())).append(" · ").append(Wording.comparedWith(diff)).append(' ')
        .append(Md.code(diff.baseline())).append(" · threshold ").append(Md.code(Wording.threshold(diff)))
        .append(" (`-Dcask.failOn`)\n\n");
    severityTable(diff, md);
    md.append("**Tools:** ").append(Wording.toolCounts(diff)).append("\n\n");
    toolTable(diff, md);

    StringBuilder details = new StringBuilder();
    if (!diff.toolpackChanges().isEmpty()) {
      details.append(detailsBlock(Wording.TOOLPACK_ROW, null, diff.toolpackChanges(), diff));
    }
    List<ToolDiff> changed = diff.changedTools();
    int shown = 0;
    for (ToolDiff tool : changed) {
      String block = detailsBlock(tool.name(), tool, tool.changes(), diff);
      if (md.length() + details.length() + block.length() + 400 > maxLength) {
        break;
      }
      details.append(block);
      shown++;
    }
    if (details.length() > 0) {
      md.append("### Details\n\n").append(details);
    }
    if (shown < changed.size()) {
      md.append(Wording.truncatedDetails(changed.size() - shown, stem)).append("\n");
    }
    return md.toString();
  }

  private static void severityTable(ToolpackDiff diff, StringBuilder md) {
    Map<Severity, Integer> open = diff.countBySeverity(false);
    Map<Severity, Integer> accepted = diff.countBySeverity(true);
    md.append("| Severity | Unapproved | Accepted |\n| --- | ---: | ---: |\n");
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      md.append("| ").append(Wording.severityBadge(severity)).append(" | ").append(open.get(severity)).append(" | ")
          .append(accepted.get(severity)).append(" |\n");
    }
    md.append('\n');
  }

  private static void toolTable(ToolpackDiff diff, StringBuilder md) {
    List<ToolDiff> changed = diff.changedTools();
    if (changed.isEmpty() && diff.toolpackChanges().isEmpty()) {
      md.append("No changes.\n");
      return;
    }
    md.append("| | Tool | Risk | Status | Changes | Highest | Approval |\n| --- | --- | --- | --- | ---: | --- | --- |\n");
    if (!diff.toolpackChanges().isEmpty()) {
      List<Change> changes = diff.toolpackChanges();
      boolean fails = changes.stream().anyMatch(change -> change.fails(diff.threshold()));
      Severity highest = changes.stream().map(Change::severity).max(Enum::compareTo).orElse(Severity.INFO);
      md.append("| ").append(Wording.failMarker(fails)).append(" | ").append(Md.cell(Wording.TOOLPACK_ROW))
          .append(" | | | ").append(changes.size()).append(" | ").append(Wording.severityBadge(highest)).append(" | ")
          .append(changes.stream().allMatch(Change::isAccepted) ? Md.cell(Wording.approval(changes.get(0))) : Wording.UNAPPROVED)
          .append(" |\n");
    }
    int rows = 0;
    for (ToolDiff tool : changed) {
      if (rows++ == SUMMARY_ROWS) {
        md.append("| | … ").append(changed.size() - SUMMARY_ROWS).append(" more | | | | | |\n");
        break;
      }
      String name = tool.previousName() == null ? Md.code(tool.name()) : Md.code(tool.previousName()) + " → " + Md.code(tool.name());
      md.append("| ").append(Wording.failMarker(tool.fails(diff.threshold()))).append(" | ").append(name).append(" | ")
          .append(tool.risk() == null ? "" : tool.risk().wireName()).append(" | ")
          .append(Wording.status(diff, tool.status())).append(" | ").append(tool.changes().size()).append(" | ")
          .append(tool.highest().map(Wording::severityBadge).orElse("")).append(" | ")
          .append(Md.cell(Wording.approval(tool))).append(" |\n");
    }
    md.append('\n');
  }

  private static String detailsBlock(String title, ToolDiff tool, List<Change> changes, ToolpackDiff diff) {
    StringBuilder block = new StringBuilder();
    Severity highest = changes.stream().map(Change::severity).max(Enum::compareTo).orElse(Severity.INFO);
    boolean allAccepted = changes.stream().allMatch(Change::isAccepted);
    block.append("<details><summary>").append(Wording.failMarker(changes.stream().anyMatch(c -> c.fails(diff.threshold()))))
        .append(" <b><code>").append(htmlSafeName(title)).append("</code></b> · ")
        .append(tool == null ? "" : Wording.status(diff, tool.status()) + " · ")
        .append(highest.wireName()).append(" · ")
        .append(allAccepted ? htmlSafeName(Wording.approval(changes.get(0))) : Wording.UNAPPROVED)
        .append("</summary>\n\n");
    if (tool != null && tool.operation() != null) {
      block.append(Md.code(tool.operation()));
      if (tool.risk() != null) {
        block.append(" · risk ").append(tool.risk().wireName());
      }
      if (tool.source() != null) {
        block.append(" · source ").append(Md.code(tool.source() + (tool.sourcePointer() == null ? "" : "#" + tool.sourcePointer())));
      }
      block.append("\n\n");
    }
    block.append("| Severity | Rule | Where | Change | Approval |\n| --- | --- | --- | --- | --- |\n");
    for (Change change : changes) {
      block.append("| ").append(Wording.severityBadge(change.severity())).append(" | `").append(change.rule().id())
          .append("` | ").append(Md.code(change.subject())).append(" | ").append(Md.cell(change.rule().title()))
          .append(change.detail().isEmpty() ? "" : ": " + Md.code(change.detail())).append(" | ")
          .append(Md.cell(Wording.approval(change))).append(" |\n");
    }
    block.append('\n');
    for (Change change : changes) {
      if (change.words() != null) {
        block.append(Md.cell(Wording.wordDiffLegend())).append(' ').append(Md.code(change.subject())).append("\n\n")
            .append(Md.block(change.words().plain())).append('\n');
      } else if (change.rule() == ChangeRule.TOOL_ADDED && change.after() != null) {
        block.append(Wording.newDescription()).append("\n\n").append(Md.block(change.after())).append('\n');
      }
    }
    block.append("</details>\n\n");
    return block.toString();
  }

  /** Tool names are [a-z0-9_]; signer ids and our labels are plain: escape anyway, they sit inside HTML. */
  private static String htmlSafeName(String text) {
    return Md.controlFree(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
  }
}
