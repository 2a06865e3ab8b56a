package dev.cask.runtime.verification.checks;

import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.verification.ReasonCode;

/**
 * Every signer's public key is an Ed25519 SubjectPublicKeyInfo in canonical base64 and its key id is derived from it:
 * a key id that points at another key would let a reviewer believe one key signed when another did.
 */
public final class SignerKeysCheck implements Check {
  @Override
  public void run(CheckContext context) {
    context.signers().signers().forEach((id, signer) -> {
      String subject = context.signersName() + " signer " + id;
      byte[] raw;
      try {
        raw = Ed25519Keys.rawFromSpkiBase64(signer.publicKey());
      } catch (IllegalArgumentException e) {
        context.error(ReasonCode.SIGNER_KEY_INVALID, subject, "publicKey " + e.getMessage(),
            "paste the publicKey line printed by mvn cask:keygen (or openssl pkey -pubout, without the PEM armor)");
        return;
      }
      String derived = Ed25519Keys.keyId(raw);
      if (!derived.equals(signer.keyId())) {
        context.error(ReasonCode.KEY_ID_MISMATCH, subject,
            "keyId " + signer.keyId() + " is not the id of its publicKey (" + derived + ")",
            "set keyId to " + derived + " (and have the change signed)");
      }
    });
  }
}
