package dev.cask.runtime.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks Ed25519 signatures (RFC 8032, strict: BouncyCastle rejects non-canonical S and small-order points as the RFC
 * requires). Stateless and thread-safe.
 */
public final class Ed25519Verifier {
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519Verifier() {}

  /** Whether {@code signature} is a valid signature of {@code message} by {@code rawPublicKey}. Never throws on bad input. */
  public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
    if (rawPublicKey == null || rawPublicKey.length != Ed25519Keys.RAW_LENGTH
        || signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(rawPublicKey, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) {
      return false; // not a point on the curve
    }
  }
}
