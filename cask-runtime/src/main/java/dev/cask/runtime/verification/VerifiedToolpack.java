package dev.cask.runtime.verification;

import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A toolpack after a clean verification: the only thing the runtime server builds its pipeline from. It cannot be
 * made any other way than by {@link Verifier} (private constructor, package-private factory), so holding one proves
 * that lockfile, signers, policy and toolpack passed every check. It holds only approved tools: blocked, new, changed
 * and unsigned tools do not exist here.
 */
public final class VerifiedToolpack {
  private final ToolpackManifest manifest;
  private final Map<String, ApprovedTool> tools;
  private final Policy policy;
  private final String policyDigest;
  private final String lockfileDigest;
  private final long lockfileSequence;
  private final List<Problem> warnings;
  private final Toolsets toolsets;

  private VerifiedToolpack(
      ToolpackManifest manifest, List<ApprovedTool> tools, Policy policy, String policyDigest, String lockfileDigest,
      long lockfileSequence, List<Problem> warnings, Toolsets toolsets) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    Map<String, ApprovedTool> byName = new LinkedHashMap<>();
    tools.stream().sorted(Comparator.comparing(ApprovedTool::name)).forEach(tool -> byName.put(tool.name(), tool));
    this.tools = Collections.unmodifiableMap(byName);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.policyDigest = Objects.requireNonNull(policyDigest, "policyDigest");
    this.lockfileDigest = Objects.requireNonNull(lockfileDigest, "lockfileDigest");
    this.lockfileSequence = lockfileSequence;
    this.warnings = List.copyOf(warnings);
    this.toolsets = toolsets;
  }

  /** Only the verifier calls this, and only when verification found no error. */
  static VerifiedToolpack of(
      ToolpackManifest manifest, List<ApprovedTool> tools, Policy policy, String policyDigest, String lockfileDigest,
      Lockfile lockfile, List<Problem> warnings, Toolsets toolsets) {
    return new VerifiedToolpack(manifest, tools, policy, policyDigest, lockfileDigest, lockfile.sequence(), warnings,
        toolsets);
  }

  /** The toolsets approved with the policy, or null when the toolpack has none. */
  public Toolsets toolsets() {
    return toolsets;
  }

  /**
   * The same verified toolpack holding only the approved tools whose names are in {@code names}: what
   * {@code serve --toolset} and {@code --tools} serve. Only ever a subset: a name that is not an approved tool here
   * selects nothing, so no selection can add a tool the lockfile does not approve.
   */
  public VerifiedToolpack narrowedTo(java.util.Set<String> names) {
    List<ApprovedTool> kept = tools.values().stream().filter(tool -> names.contains(tool.name())).toList();
    return new VerifiedToolpack(manifest, kept, policy, policyDigest, lockfileDigest, lockfileSequence, warnings, toolsets);
  }

  public String name() {
    return manifest.name();
  }

  public String version() {
    return manifest.version();
  }

  public ToolpackManifest manifest() {
    return manifest;
  }

  /** The approved tools, sorted by name. */
  public List<ApprovedTool> tools() {
    return List.copyOf(tools.values());
  }

  /** The approved tool definitions, sorted by name (what {@code tools/list} shows). */
  public List<ToolDefinition> definitions() {
    return tools.values().stream().map(ApprovedTool::definition).toList();
  }

  public Optional<ApprovedTool> tool(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** The approved digest of a tool, or empty when the tool is not approved (per-call integrity check). */
  public Optional<String> approvedDigest(String name) {
    return tool(name).map(ApprovedTool::digest);
  }

  /** The approved policy. */
  public Policy policy() {
    return policy;
  }

  /** {@code sha256:} of the canonical JSON of the policy, as pinned and signed in the lockfile. */
  public String policyDigest() {
    return policyDigest;
  }

  /** {@code sha256:} of the lockfile's bytes (what {@code sha256sum cask.lock.yaml} prints), for audit records. */
  public String lockfileDigest() {
    return lockfileDigest;
  }

  public long lockfileSequence() {
    return lockfileSequence;
  }

  /** Warnings that did not fail verification (stale approvals, a self-trusting new signers file). */
  public List<Problem> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "VerifiedToolpack[" + name() + " " + version() + ", " + tools.size() + " approved tools, lockfile "
        + lockfileDigest + "]";
  }
}
