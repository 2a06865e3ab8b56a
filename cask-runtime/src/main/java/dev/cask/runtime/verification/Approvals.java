package dev.cask.runtime.verification;

import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.signers.SignersFile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Makes signed approvals over the payloads of {@link SignedPayloads}: the signing half of the gate. */
public final class Approvals {
  private Approvals() {}

  /** {@code 2026-03-01T12:00:00Z}: UTC, whole seconds (the only spelling the lockfile accepts). */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static Approval tool(
      SigningKey key, String signerId, String toolpack, OperationKey operation, String toolDigest, LockDecision decision,
      String reason, Instant signedAt) {
    String at = timestamp(signedAt);
    byte[] payload = SignedPayloads.tool(toolpack, operation.id(), toolDigest, decision, reason, key.keyId(), at);
    return new Approval(signerId, key.keyId(), at, reason, key.sign(payload));
  }

  public static Approval policy(
      SigningKey key, String signerId, String toolpack, String policyDigest, String reason, Instant signedAt) {
    return policy(key, signerId, toolpack, policyDigest, null, reason, signedAt);
  }

  /** An approval of the policy together with the toolsets ({@code toolsetsDigest} null: a toolpack without any). */
  public static Approval policy(
      SigningKey key, String signerId, String toolpack, String policyDigest, String toolsetsDigest, String reason,
      Instant signedAt) {
    String at = timestamp(signedAt);
    byte[] payload = SignedPayloads.policy(toolpack, policyDigest, toolsetsDigest, reason, key.keyId(), at);
    return new Approval(signerId, key.keyId(), at, reason, key.sign(payload));
  }

  public static Approval signers(SigningKey key, String signerId, SignersFile file, String reason, Instant signedAt) {
    String at = timestamp(signedAt);
    byte[] payload = SignedPayloads.signers(SignedPayloads.signersDigest(file), reason, key.keyId(), at);
    return new Approval(signerId, key.keyId(), at, reason, key.sign(payload));
  }
}
