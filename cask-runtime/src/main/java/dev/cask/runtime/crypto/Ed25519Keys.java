package dev.cask.runtime.crypto;

import dev.cask.runtime.json.CanonicalJson;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 public keys as Cask writes them: the raw 32-byte key, its SubjectPublicKeyInfo (the DER body of an
 * {@code openssl pkey -pubout} PEM, so a third party can verify with openssl), and the key id derived from it.
 */
public final class Ed25519Keys {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  public static final int RAW_LENGTH = 32;
  public static final String KEY_ID_PREFIX = "ed25519:";
  public static final Pattern KEY_ID = Pattern.compile("ed25519:[0-9a-f]{16}");
  /** A key fingerprint: the whole SHA-256 (a key id is its first 16 hex digits, too short to pin trust on). */
  public static final Pattern FINGERPRINT = Pattern.compile("ed25519:[0-9a-f]{64}");

  private Ed25519Keys() {}

  /** {@code ed25519:} + the first 16 hex digits of SHA-256 over the raw 32-byte public key. */
  public static String keyId(byte[] rawPublicKey) {
    requireRaw(rawPublicKey);
    return KEY_ID_PREFIX + CanonicalJson.sha256Hex(rawPublicKey).substring(0, 16);
  }

  /**
   * {@code ed25519:} + all 64 hex digits of SHA-256 over the raw 32-byte public key: what an operator pins as a trust
   * anchor ({@code openssl pkey -pubin -in KEY.pem -outform DER | tail -c 32 | sha256sum}).
   */
  public static String fingerprint(byte[] rawPublicKey) {
    requireRaw(rawPublicKey);
    return KEY_ID_PREFIX + CanonicalJson.sha256Hex(rawPublicKey);
  }

  /** Base64 of the SubjectPublicKeyInfo DER (44 bytes → 60 characters, always starting {@code MCowBQYDK2VwAyEA}). */
  public static String spkiBase64(byte[] rawPublicKey) {
    requireRaw(rawPublicKey);
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
    System.arraycopy(rawPublicKey, 0, der, SPKI_PREFIX.length, RAW_LENGTH);
    return Base64.getEncoder().encodeToString(der);
  }

  /**
   * The raw key inside a base64 SubjectPublicKeyInfo; the encoding must be canonical (no whitespace, padding as
   * written by {@link #spkiBase64}) so that one key has exactly one spelling.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 public key in that exact form
   */
  public static byte[] rawFromSpkiBase64(String text) {
    byte[] der = Base64Strict.decode(text, SPKI_PREFIX.length + RAW_LENGTH, "Ed25519 public key");
    if (!Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
      throw new IllegalArgumentException("is not an Ed25519 SubjectPublicKeyInfo (expected it to start with MCowBQYDK2VwAyEA)");
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  /** The public key as an openssl-readable PEM. */
  public static String publicPem(byte[] rawPublicKey) {
    return "-----BEGIN PUBLIC KEY-----\n" + spkiBase64(rawPublicKey) + "\n-----END PUBLIC KEY-----\n";
  }

  /** A fresh key pair from a strong random source. */
  public static SigningKey generate() {
    return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  private static void requireRaw(byte[] raw) {
    if (raw == null || raw.length != RAW_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
  }
}
