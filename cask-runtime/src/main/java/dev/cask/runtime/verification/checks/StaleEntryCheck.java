package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approvals of operations the toolpack no longer has are stale: harmless to the runtime (nothing to serve), but they
 * would silently re-approve the operation if it came back. Warned by default, an error with {@code cask.failOnStale}.
 * Blocks of absent operations are not stale: keeping a tool out is exactly what they are for.
 */
public final class StaleEntryCheck implements Check {
  @Override
  public void run(CheckContext context) {
    // Lockfile keys are canonical operation ids (the lockfile refuses any other spelling): compare them as strings.
    Set<String> present = new HashSet<>();
    context.toolpack().byOperation().keySet().forEach(operation -> present.add(operation.id()));
    for (Map.Entry<String, LockEntry> item : context.lockfile().operations().entrySet()) {
      if (present.contains(item.getKey())) {
        continue;
      }
      LockEntry entry = item.getValue();
      if (entry.decision() == LockDecision.BLOCKED) {
        context.status(new ToolStatus(entry.tool(), item.getKey(), entry.risk(), entry.decision(), List.of(),
            ToolState.BLOCKED, "not in the toolpack"));
        continue;
      }
      String reason = "approved operation " + item.getKey() + " is no longer in the toolpack";
      if (context.settings().failOnStale()) {
        context.error(ReasonCode.STALE, entry.tool(), reason, Fixes.STALE);
      } else {
        context.warn(ReasonCode.STALE, entry.tool(), reason, Fixes.STALE);
      }
      context.status(new ToolStatus(entry.tool(), item.getKey(), entry.risk(), entry.decision(), List.of(), ToolState.STALE, ""));
    }
  }
}
