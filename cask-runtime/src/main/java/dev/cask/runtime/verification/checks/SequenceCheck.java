package dev.cask.runtime.verification.checks;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.verification.ReasonCode;

/**
 * Against the baseline lockfile: the sequence never goes down (an old lockfile with approvals since revoked or a block
 * since added cannot be replayed), and a changed lockfile has a higher sequence.
 */
public final class SequenceCheck implements Check {
  @Override
  public void run(CheckContext context) {
    Lockfile baseline = context.baselines().lockfile();
    if (baseline == null) {
      return;
    }
    Lockfile current = context.lockfile();
    if (current.sequence() < baseline.sequence()) {
      context.error(ReasonCode.SEQUENCE_ROLLBACK, context.lockfileName(),
          "sequence " + current.sequence() + " is lower than " + baseline.sequence() + " in " + context.baselines().lockfileName()
              + " (an older lockfile replaces a newer one)",
          "start from the baseline's lockfile (merge or rebase) and approve your changes again with mvn cask:gate-allow");
    } else if (current.sequence() == baseline.sequence()
        && !CanonicalJson.digest(current).equals(CanonicalJson.digest(baseline))) {
      context.error(ReasonCode.SEQUENCE_NOT_INCREASED, context.lockfileName(),
          "the content differs from " + context.baselines().lockfileName() + " but sequence " + current.sequence()
              + " did not increase (edited by hand?)",
          "restore the baseline's lockfile and make the change with mvn cask:gate-allow or cask:gate-block");
    }
  }
}
