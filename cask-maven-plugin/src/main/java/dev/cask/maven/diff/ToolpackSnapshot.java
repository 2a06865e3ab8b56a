package dev.cask.maven.diff;

import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.util.Objects;

/**
 * One side of a comparison: a toolpack as loaded from its files.
 *
 * @param label what it is, for people: a path relative to the project or Maven coordinates
 * @param tools {@code tools.json}
 * @param policy {@code policy.yaml}, or null when absent
 * @param policyDigest {@code sha256:<hex>} of the canonical JSON of the parsed policy (what the lockfile pins: rules,
 *     not comments or layout), or null
 * @param capture {@code capture.json} (origins of each operation, for report locations), or null
 */
public record ToolpackSnapshot(String label, ToolSet tools, Policy policy, String policyDigest, Capture capture) {
  public ToolpackSnapshot {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(tools, "tools");
  }

  public static ToolpackSnapshot of(String label, ToolSet tools) {
    return new ToolpackSnapshot(label, tools, null, null, null);
  }
}
