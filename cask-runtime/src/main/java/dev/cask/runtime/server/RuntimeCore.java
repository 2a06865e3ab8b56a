package dev.cask.runtime.server;

import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.nio.file.Path;
import java.util.Optional;

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
   * The name and version the toolpack states before it is verified, so that a server can answer {@code initialize}
   * while {@link #open} verifies; empty when there is none to trust that far ({@link ToolpackLoader#announced}). The
   * caller refuses to serve when the verified toolpack is not the one announced.
   */
  default Optional<ToolpackLoader.Announced> announce(ServeRequest request) {
    return Optional.empty();
  }

  /**
   * Shows a pending confirmation (tool and exact arguments) kept beside {@code auditLog} and, when {@code approve},
   * approves it.
   *
   * @return the human-readable summary of what was (or would be) approved
   */
  String confirm(String challengeId, Path auditLog, boolean approve);

  /**
   * The same for a challenge kept in the state store replicas share ({@code confirm --state ...}), found by its id.
   *
   * @param state the store, the shared key and its options ({@link DeploymentOptions#state()} is set)
   * @param toolpackName the toolpack's name to look under, or null for any
   */
  default String confirm(String challengeId, DeploymentOptions state, String toolpackName, boolean approve) {
    throw new dev.cask.runtime.CaskException("confirm " + challengeId, null,
        "this runtime keeps no shared state", "run confirm without --state");
  }

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
