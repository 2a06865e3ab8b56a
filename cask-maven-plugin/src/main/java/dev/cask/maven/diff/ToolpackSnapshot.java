package dev.cask.maven.diff;

import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.model.toolpack.Toolsets;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * @param toolsets {@code toolsets.yaml}, or null when absent
 * @param toolsetsDigest its canonical digest (what the lockfile pins with the policy), or null
 */
public record ToolpackSnapshot(
    String label, ToolSet tools, Policy policy, String policyDigest, Capture capture, Toolsets toolsets,
    String toolsetsDigest) {
  public ToolpackSnapshot {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(tools, "tools");
  }

  /** A side without toolsets. */
  public ToolpackSnapshot(String label, ToolSet tools, Policy policy, String policyDigest, Capture capture) {
    this(label, tools, policy, policyDigest, capture, null, null);
  }

  public static ToolpackSnapshot of(String label, ToolSet tools) {
    return new ToolpackSnapshot(label, tools, null, null, null);
  }

  /**
   * Loads one side through the runtime's one toolpack reader ({@link ToolpackLoader}, the same rules and checks as the
   * gate and the server): a toolpack directory ({@code target/cask}) or zip, or a lone {@code tools.json} (a file
   * whose name ends in {@code .json}: tool definitions only, every digest recomputed).
   *
   * @param label how messages and reports name it (a path relative to the project, or Maven coordinates)
   */
  public static ToolpackSnapshot load(Path path, String label) {
    if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return of(label, ToolpackLoader.loadToolSet(path, label));
    }
    LoadedToolpack toolpack = ToolpackLoader.loadWithCapture(path, label);
    return new ToolpackSnapshot(label, toolpack.tools(), toolpack.policy(), toolpack.policyDigest(), toolpack.capture(),
        toolpack.toolsets(), toolpack.toolsetsDigest());
  }
}
