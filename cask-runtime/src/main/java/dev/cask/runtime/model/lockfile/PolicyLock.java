package dev.cask.runtime.model.lockfile;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * The approved policy: the digest of the canonical JSON of the parsed {@code policy.yaml} (comments and layout do not
 * count; every rule does) and its signatures.
 */
public record PolicyLock(String digest, List<Approval> approvals) {
  public PolicyLock {
    Names.digest(digest);
    approvals = Lists.copy(approvals).stream()
        .sorted(java.util.Comparator.comparing(Approval::signer).thenComparing(Approval::keyId).thenComparing(Approval::signedAt))
        .toList();
  }
}
