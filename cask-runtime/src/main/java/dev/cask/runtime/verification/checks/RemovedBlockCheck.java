package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.verification.ReasonCode;
import java.util.Map;

/**
 * A signed block cannot be undone by deleting its entry: a block recorded in the baseline must still be there (as a
 * block, or replaced by a signed decision for the same operation).
 */
public final class RemovedBlockCheck implements Check {
  @Override
  public void run(CheckContext context) {
    Lockfile baseline = context.baselines().lockfile();
    if (baseline == null) {
      return;
    }
    for (Map.Entry<String, LockEntry> entry : baseline.operations().entrySet()) {
      if (entry.getValue().decision() == LockDecision.BLOCKED
          && !context.lockfile().operations().containsKey(entry.getKey())) {
        context.error(ReasonCode.BLOCK_REMOVED, entry.getValue().tool(),
            "the block of " + entry.getKey() + " in " + context.baselines().lockfileName() + " was deleted from the lockfile",
            "restore the entry from the baseline; to lift a block, approve the tool: mvn cask:gate-allow -Dcask.tools="
                + entry.getValue().tool());
      }
    }
  }
}
