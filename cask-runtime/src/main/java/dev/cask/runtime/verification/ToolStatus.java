package dev.cask.runtime.verification;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code gate-status}.
 *
 * @param tool the tool name (the toolpack's; for a stale entry, the lockfile's)
 * @param operation the operation id
 * @param risk the tool's risk tier (for a stale entry, the lockfile's)
 * @param decision the lockfile decision, or null when there is none
 * @param signers the ids of the signers whose approvals hold, sorted
 * @param state the state
 * @param detail a short explanation (what changed, which signature failed), or empty
 */
public record ToolStatus(
    String tool, String operation, RiskTier risk, LockDecision decision, List<String> signers, ToolState state, String detail) {
  public ToolStatus {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(state, "state");
    signers = Lists.copy(signers).stream().sorted().distinct().toList();
    detail = detail == null ? "" : detail;
  }
}
