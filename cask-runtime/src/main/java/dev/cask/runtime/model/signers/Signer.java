package dev.cask.runtime.model.signers;

import dev.cask.runtime.model.lockfile.Names;
import java.util.Objects;

/**
 * A person trusted to sign decisions (the map key in {@link SignersFile#signers()} is the signer id).
 *
 * @param name display name
 * @param publicKey the Ed25519 public key: base64 of its SubjectPublicKeyInfo DER, the body of {@code openssl pkey
 *     -pubout} output (checked by the verifier)
 * @param keyId {@code ed25519:} + first 16 hex of SHA-256 of the raw 32-byte key (checked against the key by the verifier)
 * @param notAfter the last instant the key may be used (UTC, whole seconds), or null
 * @param revoked whether the key is revoked: every approval it made stops counting
 */
public record Signer(String name, String publicKey, String keyId, String notAfter, boolean revoked) {
  public Signer {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("signer name must be 1-200 characters");
    }
    Names.reason(name);
    Objects.requireNonNull(publicKey, "publicKey");
    Names.keyId(keyId);
    if (notAfter != null) {
      Names.instant(notAfter, "notAfter");
    }
  }

  public Signer withRevoked(boolean value) {
    return new Signer(name, publicKey, keyId, notAfter, value);
  }
}
