package dev.cask.runtime.verification.checks;

import dev.cask.runtime.crypto.Base64Strict;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.Ed25519Verifier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides whether one approval holds against a set of trusted signers: canonical signature encoding, a known key, the
 * key's owner is the named signer, not revoked, not expired (now, and when signed), not dated in the future, and an
 * Ed25519 signature over exactly the payload. Signers whose entry is malformed (key not decodable, key id not derived
 * from the key) are not trusted at all.
 */
public final class ApprovalValidator {
  /** Why an approval does not hold. */
  public record Failure(ReasonCode code, String reason) {}

  private record Trusted(String id, Signer signer, Ed25519Verifier.PublicKey publicKey) {}

  private final Map<String, Trusted> byKeyId = new HashMap<>();
  private final Instant now;
  private final Duration skew;

  public ApprovalValidator(SignersFile trusted, Instant now, Duration skew) {
    this.now = now;
    this.skew = skew;
    trusted.signers().forEach((id, signer) -> {
      try {
        byte[] raw = Ed25519Keys.rawFromSpkiBase64(signer.publicKey());
        if (Ed25519Keys.keyId(raw).equals(signer.keyId())) {
          byKeyId.put(signer.keyId(), new Trusted(id, signer, Ed25519Verifier.key(raw)));
        }
      } catch (IllegalArgumentException e) {
        // reported by SignerKeysCheck; an unreadable key trusts nobody
      }
    });
  }

  /** Null when the approval holds, else why not. */
  public Failure check(Approval approval, byte[] payload) {
    byte[] signature;
    try {
      signature = Base64Strict.decode(approval.signature(), Ed25519Verifier.SIGNATURE_LENGTH, "signature");
    } catch (IllegalArgumentException e) {
      return new Failure(ReasonCode.SIGNATURE_MALFORMED, "the approval by " + approval.signer() + ": " + e.getMessage());
    }
    Trusted owner = byKeyId.get(approval.keyId());
    if (owner == null) {
      return new Failure(ReasonCode.SIGNER_UNKNOWN,
          "the approval by " + approval.signer() + " uses key " + approval.keyId() + ", which no trusted signer owns");
    }
    if (!owner.id().equals(approval.signer())) {
      return new Failure(ReasonCode.SIGNER_KEY_MISMATCH, "the approval names signer " + approval.signer()
          + " but key " + approval.keyId() + " belongs to " + owner.id() + " (a key signs only for its owner)");
    }
    if (owner.signer().revoked()) {
      return new Failure(ReasonCode.SIGNER_REVOKED, "signer " + owner.id() + " is revoked");
    }
    Instant signedAt = Instant.parse(approval.signedAt());
    if (owner.signer().notAfter() != null) {
      Instant notAfter = Instant.parse(owner.signer().notAfter());
      if (signedAt.isAfter(notAfter)) {
        return new Failure(ReasonCode.SIGNED_AFTER_EXPIRY, "the approval by " + owner.id() + " is dated "
            + approval.signedAt() + ", after the key's notAfter " + owner.signer().notAfter());
      }
      if (now.isAfter(notAfter)) {
        return new Failure(ReasonCode.SIGNER_EXPIRED,
            "signer " + owner.id() + "'s key expired at " + owner.signer().notAfter());
      }
    }
    if (signedAt.isAfter(now.plus(skew))) {
      return new Failure(ReasonCode.SIGNED_IN_FUTURE,
          "the approval by " + owner.id() + " is dated " + approval.signedAt() + ", in the future");
    }
    if (!owner.publicKey().verify(payload, signature)) {
      return new Failure(ReasonCode.SIGNATURE_INVALID,
          "the signature by " + owner.id() + " does not match what it claims to approve");
    }
    return null;
  }

  /**
   * Checks every approval; reports each failure; returns the distinct ids of signers whose approvals hold.
   *
   * @param payload the signed bytes for an approval (they include its key id, time and reason)
   */
  public List<String> validSigners(List<Approval> approvals, Function<Approval, byte[]> payload, Consumer<Failure> failures) {
    TreeSet<String> valid = new TreeSet<>();
    for (Approval approval : approvals) {
      Failure failure = check(approval, payload.apply(approval));
      if (failure == null) {
        valid.add(approval.signer());
      } else {
        failures.accept(failure);
      }
    }
    return List.copyOf(valid);
  }
}
