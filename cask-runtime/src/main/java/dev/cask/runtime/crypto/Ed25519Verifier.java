package dev.cask.runtime.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks Ed25519 signatures (RFC 8032, strict: BouncyCastle rejects non-canonical S and small-order points as the RFC
 * requires). Stateless and thread-safe.
 */
public final class Ed25519Verifier {
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519Verifier() {}

  /** Whether {@code signature} is a valid signature of {@code message} by {@code rawPublicKey}. Never throws on bad input. */
  public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
    return key(rawPublicKey).verify(message, signature);
  }

  /**
   * A public key decoded once, for checking many signatures: decoding (a point decompression, a field inversion) is a
   * sizeable part of each check, and a lockfile holds a thousand signatures by the same few keys. A key that is not a
   * point on the curve verifies nothing.
   */
  public static PublicKey key(byte[] rawPublicKey) {
    if (rawPublicKey == null || rawPublicKey.length != Ed25519Keys.RAW_LENGTH) {
      return new PublicKey(null);
    }
    try {
      return new PublicKey(new Ed25519PublicKeyParameters(rawPublicKey, 0));
    } catch (IllegalArgumentException e) {
      return new PublicKey(null); // not a point on the curve
    }
  }

  /** A decoded Ed25519 public key. Immutable and thread-safe. */
  public static final class PublicKey {
    private final Ed25519PublicKeyParameters parameters;

    private PublicKey(Ed25519PublicKeyParameters parameters) {
      this.parameters = parameters;
    }

    /** Whether {@code signature} is a valid pure-Ed25519 signature of {@code message} by this key. Never throws. */
    public boolean verify(byte[] message, byte[] signature) {
      if (parameters == null || message == null || signature == null || signature.length != SIGNATURE_LENGTH) {
        return false;
      }
      try {
        return parameters.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }
}
