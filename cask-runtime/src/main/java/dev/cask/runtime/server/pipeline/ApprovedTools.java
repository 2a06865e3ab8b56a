package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What verification hands the pipeline: the approved tools with their pinned digests, the verified policy and the
 * lockfile digest. The factory is package-private on purpose: only verification may produce this value, so the
 * pipeline cannot be built from an unverified toolpack.
 *
 * <p>Interim type: it is replaced by {@code dev.cask.runtime.verification.VerifiedToolpack} (branch {@code gate}) as
 * soon as that lands; the pipeline then takes the verified toolpack directly.
 */
public final class ApprovedTools {
  private final String toolpack;
  private final List<Tool> tools;
  private final Map<String, String> pinnedDigests;
  private final Policy policy;
  private final String lockfileDigest;

  private ApprovedTools(String toolpack, List<Tool> tools, Map<String, String> pinnedDigests, Policy policy, String lockfileDigest) {
    this.toolpack = toolpack;
    this.tools = tools;
    this.pinnedDigests = pinnedDigests;
    this.policy = policy;
    this.lockfileDigest = lockfileDigest;
  }

  /**
   * The approved tools of a verified toolpack: the only way to this value from outside the package, so the pipeline is
   * built from nothing but what the verifier accepted ({@code VerifiedToolpack} has no public constructor).
   */
  public static ApprovedTools verified(dev.cask.runtime.verification.VerifiedToolpack verified) {
    // The verifier already recomputed every digest from its definition (ToolpackLoader) and compared it with the
    // lockfile's pin (ToolApprovalCheck): computing the canonical JSON of every definition again here doubled the
    // start-up's largest cost for nothing. The per-call IntegrityStep still compares each call's tool with its pin.
    List<dev.cask.runtime.verification.ApprovedTool> approved = verified.tools();
    Map<String, String> pins = new java.util.HashMap<>();
    approved.forEach(tool -> pins.put(tool.name(), tool.digest()));
    return new ApprovedTools(
        verified.name(),
        approved.stream().map(dev.cask.runtime.verification.ApprovedTool::tool).toList(),
        Map.copyOf(pins),
        verified.policy(),
        verified.lockfileDigest());
  }

  /**
   * Checks each tool's digest against its definition and its pin, once; a null policy means {@link Policy#denyAll()}.
   *
   * @throws IllegalArgumentException when a tool is not pinned or its digest does not match
   */
  static ApprovedTools of(String toolpack, List<Tool> tools, Map<String, String> pinnedDigests, Policy policy, String lockfileDigest) {
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfileDigest, "lockfileDigest");
    for (Tool tool : tools) {
      String pinned = pinnedDigests.get(tool.name());
      if (pinned == null) {
        throw new IllegalArgumentException("tool '" + tool.name() + "' is not approved in the lockfile");
      }
      String actual = CanonicalJson.digest(tool.definition());
      if (!actual.equals(tool.digest()) || !actual.equals(pinned)) {
        throw new IllegalArgumentException("tool '" + tool.name() + "' does not match its pinned digest");
      }
    }
    return new ApprovedTools(
        toolpack,
        tools.stream().sorted(Comparator.comparing(Tool::name)).toList(),
        Map.copyOf(pinnedDigests),
        policy == null ? Policy.denyAll() : policy,
        lockfileDigest);
  }

  String toolpack() {
    return toolpack;
  }

  List<Tool> tools() {
    return tools;
  }

  String pinnedDigest(String tool) {
    return pinnedDigests.get(tool);
  }

  Policy policy() {
    return policy;
  }

  String lockfileDigest() {
    return lockfileDigest;
  }
}
