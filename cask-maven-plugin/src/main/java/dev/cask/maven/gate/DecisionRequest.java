package dev.cask.maven.gate;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code gate-allow} / {@code gate-block} should sign.
 *
 * @param decision approve or block
 * @param tools tool names named explicitly ({@code cask.tools})
 * @param tiers approve every pending tool of these tiers ({@code cask.risk})
 * @param all approve every pending tool and the policy ({@code cask.all})
 * @param approvePolicy sign the current policy ({@code cask.approvePolicy})
 * @param approveSigners sign the current signers file ({@code cask.approveSigners})
 * @param prune drop approvals of operations the toolpack no longer has ({@code cask.prune})
 * @param reason the signed reason ({@code cask.reason}), or null for a default
 */
public record DecisionRequest(
    LockDecision decision, List<String> tools, Set<RiskTier> tiers, boolean all, boolean approvePolicy,
    boolean approveSigners, boolean prune, String reason) {
  public DecisionRequest {
    Objects.requireNonNull(decision, "decision");
    tools = tools == null ? List.of() : tools.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
    tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
    reason = reason == null || reason.isBlank() ? null : reason.trim();
  }

  public static DecisionRequest allow(List<String> tools) {
    return new DecisionRequest(LockDecision.APPROVED, tools, Set.of(), false, false, false, false, null);
  }

  public static DecisionRequest block(List<String> tools, String reason) {
    return new DecisionRequest(LockDecision.BLOCKED, tools, Set.of(), false, false, false, false, reason);
  }

  public DecisionRequest withAll() {
    return new DecisionRequest(decision, tools, tiers, true, approvePolicy, approveSigners, prune, reason);
  }

  public DecisionRequest withReason(String value) {
    return new DecisionRequest(decision, tools, tiers, all, approvePolicy, approveSigners, prune, value);
  }
}
