package dev.cask.maven.diff;

import dev.cask.runtime.model.Lists;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The immutable result of {@code cask:diff} or {@code cask:drift}: every classified change, the approvals that cover
 * some of them, and the verdict at the threshold. Report writers only read it; the verdict is decided here, once.
 *
 * @param kind diff (toolpack against approved state) or drift (capture against approved baseline)
 * @param toolpack the toolpack name
 * @param baseline what was compared against, for people (e.g. {@code baseline toolpack target/base/tools.json})
 * @param current what was compared, for people (e.g. {@code target/cask/tools.json})
 * @param threshold the {@code cask.failOn} severity; null when the build never fails on changes
 * @param tools one entry per tool that exists on either side, sorted by name
 * @param toolpackChanges changes not about one tool (new hosts, policy), in {@link Change#ORDER}
 */
public record ToolpackDiff(
    Kind kind,
    String toolpack,
    String baseline,
    String current,
    Severity threshold,
    List<ToolDiff> tools,
    List<Change> toolpackChanges) {

  /** Which analysis produced the result. */
  public enum Kind {
    DIFF("diff"),
    DRIFT("drift");

    private final String fileStem;

    Kind(String fileStem) {
      this.fileStem = fileStem;
    }

    /** The report file name stem: {@code diff} gives {@code diff.md}, {@code diff.sarif} ... */
    public String fileStem() {
      return fileStem;
    }
  }

  public ToolpackDiff {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(current, "current");
    tools = Lists.copy(tools).stream().sorted(Comparator.comparing(ToolDiff::name)).toList();
    toolpackChanges = Lists.copy(toolpackChanges).stream().sorted(Change.ORDER).toList();
  }

  /** Every change: toolpack-level first, then tool by tool. */
  public List<Change> allChanges() {
    return Stream.concat(toolpackChanges.stream(), tools.stream().flatMap(tool -> tool.changes().stream())).toList();
  }

  /** Tools with at least one change. */
  public List<ToolDiff> changedTools() {
    return tools.stream().filter(tool -> !tool.changes().isEmpty()).toList();
  }

  /** Changes that fail the build: unapproved and at or above the threshold. */
  public List<Change> failing() {
    return allChanges().stream().filter(change -> change.fails(threshold)).sorted(Change.ORDER).toList();
  }

  public boolean failed() {
    return !failing().isEmpty();
  }

  /** Number of changes per severity, every severity present (zero when none), most severe first. */
  public Map<Severity, Integer> countBySeverity(boolean accepted) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0);
    }
    allChanges().stream()
        .filter(change -> change.isAccepted() == accepted)
        .forEach(change -> counts.merge(change.severity(), 1, Integer::sum));
    return counts;
  }

  public long count(ToolStatus status) {
    return tools.stream().filter(tool -> tool.status() == status).count();
  }
}
