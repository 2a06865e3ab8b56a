package dev.cask.runtime.model.lockfile;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * The approved policy: the digest of the canonical JSON of the parsed {@code policy.yaml} (comments and layout do not
 * count; every rule does), the digest of the toolpack's {@code toolsets.yaml} approved with it, and their signatures.
 *
 * @param digest {@code sha256:} of the policy's canonical JSON
 * @param toolsets {@code sha256:} of the canonical JSON of {@code toolsets.yaml}, signed together with the policy; null
 *     (absent from the file) for a toolpack without toolsets
 * @param approvals the signatures over both
 */
public record PolicyLock(String digest, String toolsets, List<Approval> approvals) {
  public PolicyLock {
    Names.digest(digest);
    if (toolsets != null) {
      Names.digest(toolsets);
    }
    approvals = Lists.copy(approvals).stream()
        .sorted(java.util.Comparator.comparing(Approval::signer).thenComparing(Approval::keyId).thenComparing(Approval::signedAt))
        .toList();
  }

  /** A policy approval of a toolpack without toolsets. */
  public PolicyLock(String digest, List<Approval> approvals) {
    this(digest, null, approvals);
  }
}
