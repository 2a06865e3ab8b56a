package dev.cask.runtime.crypto;

import java.util.Base64;

/**
 * Base64 that accepts exactly one spelling per value. {@link Base64.Decoder} tolerates non-zero padding bits, so
 * {@code ...A==} and {@code ...B==} decode to the same bytes: a signed value could then be altered without any byte of
 * it changing meaning, and two reviewers would see different text for the same signature. Re-encoding and comparing
 * rejects that, and also any whitespace, line break or URL-safe alphabet.
 */
public final class Base64Strict {
  private Base64Strict() {}

  /**
   * @param what what the text is, for the error message
   * @throws IllegalArgumentException when the text is not the canonical standard base64 of {@code length} bytes
   */
  public static byte[] decode(String text, int length, String what) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64 (" + e.getMessage() + ")");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException(what + " is not canonical base64 (padding bits, whitespace or line breaks)");
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " has " + bytes.length + " bytes, expected " + length + " (truncated or padded?)");
    }
    return bytes;
  }
}
