package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.OperationIds;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
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
    Set<OperationKey> present = context.toolpack().byOperation().keySet();
    for (Map.Entry<String, LockEntry> item : context.lockfile().operations().entrySet()) {
      OperationKey operation = OperationIds.parse(item.getKey());
      if (present.contains(operation)) {
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
