package dev.cask.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes and SHA-256 digests of model values.
 *
 * <p>JCS is done by {@code java-json-canonicalization}, the reference Java implementation by one of the RFC's authors:
 * sorted keys by UTF-16 code units, ECMAScript number formatting and string escaping are easy to get subtly wrong by
 * hand, and a digest that differs between two implementations breaks every signature.
 */
public final class CanonicalJson {
  /** The prefix of every digest string Cask writes. */
  public static final String SHA256_PREFIX = "sha256:";

  private CanonicalJson() {}

  /** The RFC 8785 canonical UTF-8 bytes of a value as the strict mapper serializes it. */
  public static byte[] canonicalBytes(Object value) {
    try {
      String json = CaskMappers.json().writeValueAsString(value);
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName() + " to JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot canonicalize JSON", e);
    }
  }

  /** {@code sha256:<hex>} of the canonical JSON of a value. */
  public static String digest(Object value) {
    return SHA256_PREFIX + sha256Hex(canonicalBytes(value));
  }

  /** {@code sha256:<hex>} of raw bytes (files). */
  public static String digestBytes(byte[] bytes) {
    return SHA256_PREFIX + sha256Hex(bytes);
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
