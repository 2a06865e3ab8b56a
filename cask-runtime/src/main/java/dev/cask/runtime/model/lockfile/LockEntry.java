package dev.cask.runtime.model.lockfile;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.Objects;

/**
 * The decision about one upstream operation (the entry's key in {@link Lockfile#operations()}).
 *
 * @param tool the tool name it was approved under
 * @param digest the tool digest the signers reviewed ({@code sha256:<hex>} of the canonical definition)
 * @param risk the tool's risk tier when it was reviewed (shown to reviewers; the gate uses the definition's own tier)
 * @param decision approved or blocked
 * @param approvals the signatures, sorted by signer
 */
public record LockEntry(String tool, String digest, RiskTier risk, LockDecision decision, List<Approval> approvals) {
  public LockEntry {
    Names.tool(tool);
    Names.digest(digest);
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(decision, "decision");
    approvals = Lists.copy(approvals).stream()
        .sorted(java.util.Comparator.comparing(Approval::signer).thenComparing(Approval::keyId).thenComparing(Approval::signedAt))
        .toList();
  }
}
