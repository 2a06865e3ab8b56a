package dev.cask.maven.diff;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that changed about one tool.
 *
 * @param name the tool's current name (its baseline name when removed)
 * @param previousName the baseline name when it differs (a rename), else null
 * @param operation the operation identity ({@code OperationKey.id()}) now (at baseline when removed)
 * @param status added, removed, changed or unchanged
 * @param risk the current risk tier (the baseline one when removed); null when unknown
 * @param digest the current digest, or null when removed
 * @param baselineDigest the baseline digest, or null when added
 * @param source where the tool comes from in the project (a spec path, a capture file), for report locations; or null
 * @param sourcePointer the place inside {@link #source()} (a JSON pointer, a HAR entry), or null
 * @param changes the changes, in {@link Change#ORDER}
 */
public record ToolDiff(
    String name,
    String previousName,
    String operation,
    ToolStatus status,
    RiskTier risk,
    String digest,
    String baselineDigest,
    String source,
    String sourcePointer,
    List<Change> changes) {

  public ToolDiff {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    changes = Lists.copy(changes).stream().sorted(Change.ORDER).toList();
  }

  /** The highest severity among the changes, if any. */
  public Optional<Severity> highest() {
    return changes.stream().map(Change::severity).max(Enum::compareTo);
  }

  /** Whether every change is covered by an approval (true when there are no changes). */
  public boolean fullyAccepted() {
    return changes.stream().allMatch(Change::isAccepted);
  }

  public boolean fails(Severity threshold) {
    return changes.stream().anyMatch(change -> change.fails(threshold));
  }
}
