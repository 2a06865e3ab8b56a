package dev.cask.runtime.verification.checks;

import dev.cask.runtime.verification.ReasonCode;

/** The lockfile belongs to this toolpack; otherwise nothing else in it means anything and later checks are skipped. */
public final class ToolpackIdentityCheck implements Check {
  @Override
  public void run(CheckContext context) {
    String locked = context.lockfile().toolpack();
    String actual = context.toolpack().name();
    if (!locked.equals(actual)) {
      context.error(ReasonCode.TOOLPACK_MISMATCH, context.lockfileName(),
          "it is the lockfile of toolpack '" + locked + "', not of '" + actual + "'",
          "use this project's own lockfile (cask.lockfile), or approve the tools of '" + actual + "' anew");
      context.stop();
    }
  }
}
