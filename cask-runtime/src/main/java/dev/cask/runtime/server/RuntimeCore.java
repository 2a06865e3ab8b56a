package dev.cask.runtime.server;

import java.nio.file.Path;

/**
 * What the CLI needs from the enforcement core, in one seam: the composition root. {@link #open} is the only way to a
 * {@link GovernedServer}: it loads and verifies the toolpack, lockfile and signers with the same verifier as
 * {@code gate-check}, loads the policy and assembles the pipeline; any failure is a
 * {@link dev.cask.runtime.CaskException} and nothing is served.
 */
public interface RuntimeCore {
  /** Verifies and assembles; throws {@link dev.cask.runtime.CaskException} on any failure. */
  GovernedServer open(ServeRequest request);

  /**
   * Shows a pending confirmation (tool and exact arguments) kept beside {@code auditLog} and, when {@code approve},
   * approves it.
   *
   * @return the human-readable summary of what was (or would be) approved
   */
  String confirm(String challengeId, Path auditLog, boolean approve);

  /**
   * Checks an audit log's hash chain.
   *
   * @return a one-line summary ({@code N records, chain intact}); a broken chain is a
   *     {@link dev.cask.runtime.CaskException} naming the first broken record
   */
  String verifyAudit(Path auditLog);
}
