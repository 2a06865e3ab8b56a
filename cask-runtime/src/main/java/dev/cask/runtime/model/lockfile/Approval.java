package dev.cask.runtime.model.lockfile;

import java.util.Objects;

/**
 * One person's signed decision. What the signature covers depends on what is approved (a tool, the policy, the signers
 * file); the site page "Lockfile" documents each payload byte for byte.
 *
 * @param signer the signer id, which must be the id of the signers-file entry owning {@code keyId}
 * @param keyId {@code ed25519:<16 hex>} of the signing key
 * @param signedAt when it was signed, UTC, whole seconds ({@code 2026-03-01T12:00:00Z})
 * @param reason why, in the signer's words (signed)
 * @param signature the 64-byte Ed25519 signature, standard base64 (checked by the verifier, not here, so that a bad
 *     signature is reported as such and not as an unreadable file)
 */
public record Approval(String signer, String keyId, String signedAt, String reason, String signature) {
  public Approval {
    Names.signer(signer);
    Names.keyId(keyId);
    Names.instant(signedAt, "signedAt");
    Names.reason(reason);
    Objects.requireNonNull(signature, "signature");
  }
}
