package dev.cask.runtime.verification.checks;

/** The commands that fix each kind of problem, in one place so build and runtime say the same thing. */
final class Fixes {
  private Fixes() {}

  static String allow(String tool) {
    return "review it, then run mvn cask:gate-allow -Dcask.tools=" + tool + " (or mvn cask:gate-block -Dcask.tools=" + tool + ")";
  }

  static String reviewChange(String tool) {
    return "review the change (mvn cask:diff), then run mvn cask:gate-allow -Dcask.tools=" + tool;
  }

  static String reapprove(String tool) {
    return "approve it again with a trusted key: mvn cask:gate-allow -Dcask.tools=" + tool;
  }

  static String removeBlocked(String tool) {
    return "remove the operation from the API source (or exclude it from the compile), or, if the block was wrong, run mvn cask:gate-allow -Dcask.tools=" + tool;
  }

  static final String POLICY = "review policy.yaml, then run mvn cask:gate-allow -Dcask.approvePolicy=true";
  static final String TOOLSETS = "review toolsets.yaml (mvn cask:diff lists each tool entering or leaving a toolset), then"
      + " approve it with the policy: mvn cask:gate-allow -Dcask.approvePolicy=true";
  static final String SIGNERS = "a signer trusted before this change runs mvn cask:gate-allow -Dcask.approveSigners=true";
  static final String STALE = "run mvn cask:gate-allow -Dcask.prune=true to drop approvals of operations that are gone";
}
