package dev.cask.runtime.server.upstream;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of values. Only the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay as they are;
 * every other byte of the UTF-8 form is encoded, including {@code / ? # % ; , = & +} and spaces. So a value can never
 * add a path segment, start a query or fragment, or smuggle an already-encoded sequence ({@code %2e%2e} becomes
 * {@code %252e%252e}). Delimiters that a serialization style needs are written by the caller, outside the values.
 */
public final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  public static String encode(String value) {
    int i = 0;
    while (i < value.length() && isUnreserved(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      char c = (char) (b & 0xFF);
      if (c < 0x80 && isUnreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
