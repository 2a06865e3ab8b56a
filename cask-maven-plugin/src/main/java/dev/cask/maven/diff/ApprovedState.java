package dev.cask.maven.diff;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The signed, approved state diff compares against: digests by operation with their signers. It is what the lockfile
 * holds; diff only reads it (signature verification belongs to the gate and is done before this is built).
 *
 * @param source where it comes from, e.g. {@code cask.lock.yaml}
 * @param tools approved (or blocked) tools by operation identity
 * @param policyDigest the approved digest of the policy file, or null when none is pinned
 * @param policySigners who approved the policy
 * @param toolsetsDigest the digest of {@code toolsets.yaml} approved with the policy, or null
 */
public record ApprovedState(
    String source, SortedMap<String, ApprovedTool> tools, String policyDigest, List<String> policySigners,
    String toolsetsDigest) {
  public ApprovedState {
    Objects.requireNonNull(source, "source");
    tools = Lists.sortedCopy(tools);
    policySigners = Lists.copy(policySigners);
  }

  /** An approved state without toolsets. */
  public ApprovedState(String source, SortedMap<String, ApprovedTool> tools, String policyDigest, List<String> policySigners) {
    this(source, tools, policyDigest, policySigners, null);
  }
}
