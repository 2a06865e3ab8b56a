package dev.cask.runtime.server.testing;

import dev.cask.runtime.server.audit.AuditChainVerifier;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.KeyFile;
import java.nio.file.Path;

/** Verifies an audit log as {@code audit verify} does by default: against the checkpoint key of the server key beside it. */
public final class AuditLogs {
  private AuditLogs() {}

  /** The raw checkpoint public key of the server whose key lies beside {@code log}. */
  public static byte[] checkpointKey(Path log) {
    Path key = log.toAbsolutePath().getParent().resolve(ConfirmationStore.KEY_FILE);
    return KeyFile.auditCheckpointKey(KeyFile.load(key)).publicKey();
  }

  public static AuditVerification verify(Path log) {
    return AuditChainVerifier.verify(log, checkpointKey(log));
  }
}
