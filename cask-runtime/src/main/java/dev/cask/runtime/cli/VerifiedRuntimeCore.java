package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import java.nio.file.Path;

/**
 * The production composition root: where the lockfile verifier (the same one {@code gate-check} uses), the
 * enforcement pipeline and the transports meet. The verifier and the pipeline are built on other branches; until they
 * are merged, this build refuses to serve (fail closed), and says why.
 */
final class VerifiedRuntimeCore implements RuntimeCore {
  @Override
  public GovernedServer open(ServeRequest request) {
    throw missing("serve");
  }

  @Override
  public String confirm(String challengeId, Path stateDir, boolean approve) {
    throw missing("confirm");
  }

  @Override
  public String verifyAudit(Path auditLog) {
    throw missing("audit verify");
  }

  private static CaskException missing(String command) {
    return new CaskException(
        command,
        null,
        "this build of cask-runtime has no enforcement core or lockfile verifier yet, so it serves nothing",
        "use a build that includes them");
  }
}
