package dev.cask.runtime.server;

import dev.cask.runtime.server.audit.AuditVerification;
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
   * Checks an audit log's hash chain and its signed checkpoint.
   *
   * @param trustedKey the checkpoint key to trust (base64 SubjectPublicKeyInfo, as {@code serve} prints it), or null
   *     for the key derived from the server key beside the log
   * @return the result; a log that cannot be checked at all (missing without a checkpoint, no key to trust) is a
   *     {@link dev.cask.runtime.CaskException}
   */
  AuditVerification verifyAudit(Path auditLog, String trustedKey);
}
