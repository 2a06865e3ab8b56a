package dev.cask.runtime.model.lockfile;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The spelling rules of lockfile and signers values. Everything a reviewer compares by eye is restricted to ASCII so
 * that a look-alike character (a Cyrillic {@code е} in {@code gеt_user}) can never pass for another name.
 */
public final class Names {
  public static final Pattern TOOL = Pattern.compile("[a-z0-9_]{1,64}");
  public static final Pattern SIGNER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final Pattern TOOLPACK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  public static final Pattern KEY_ID = Pattern.compile("ed25519:[0-9a-f]{16}");
  /** The longest approval reason, in characters. */
  public static final int REASON_MAX = 500;

  private Names() {}

  public static String tool(String name) {
    return require(name, TOOL, "tool name", "tool names are [a-z0-9_], 1-64 characters");
  }

  public static String signer(String id) {
    return require(id, SIGNER, "signer id", "signer ids are 1-64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit");
  }

  public static String toolpack(String name) {
    return require(name, TOOLPACK, "toolpack name", "toolpack names are 1-128 letters, digits, '.', '_' or '-'");
  }

  public static String digest(String digest) {
    return require(digest, DIGEST, "digest", "digests are sha256: followed by 64 lower-case hex digits");
  }

  public static String keyId(String keyId) {
    return require(keyId, KEY_ID, "key id", "key ids are ed25519: followed by 16 lower-case hex digits");
  }

  /** A UTC instant written as {@code 2026-03-01T12:00:00Z}: whole seconds, one spelling per instant. */
  public static String instant(String text, String what) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (isWholeSecondUtc(text)) {
      return text; // the usual case, without the general ISO parser (a lockfile has a thousand of these)
    }
    try {
      Instant instant = Instant.parse(text);
      if (instant.getNano() == 0 && instant.toString().equals(text)) {
        return text;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException(what + " '" + text + "' is not a UTC time written as 2026-03-01T12:00:00Z");
  }

  /**
   * Whether the text is {@code YYYY-MM-DDTHH:MM:SSZ} with a valid date and time: exactly what {@code Instant.parse}
   * reads back to the same text with whole seconds (a leap second or hour 24 would not print back the same).
   */
  private static boolean isWholeSecondUtc(String text) {
    if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    int year = Integer.parseInt(text, 0, 4, 10);
    int month = Integer.parseInt(text, 5, 7, 10);
    int day = Integer.parseInt(text, 8, 10, 10);
    return month >= 1 && month <= 12 && day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
        && Integer.parseInt(text, 11, 13, 10) <= 23 && Integer.parseInt(text, 14, 16, 10) <= 59
        && Integer.parseInt(text, 17, 19, 10) <= 59;
  }

  /** A free-text reason: printable, at most {@value #REASON_MAX} characters, no control or invisible characters. */
  public static String reason(String reason) {
    if (reason == null) {
      throw new IllegalArgumentException("reason is missing");
    }
    if (reason.length() > REASON_MAX) {
      throw new IllegalArgumentException("reason is longer than " + REASON_MAX + " characters");
    }
    for (int i = 0; i < reason.length(); ) {
      int cp = reason.codePointAt(i);
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        throw new IllegalArgumentException("reason contains the invisible or control character " + describe(cp));
      }
      i += Character.charCount(cp);
    }
    return reason;
  }

  private static String require(String value, Pattern pattern, String what, String rule) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (pattern.matcher(value).matches()) {
      return value;
    }
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (cp > 0x7e || cp < 0x20) {
        throw new IllegalArgumentException(what + " '" + value + "' contains " + describe(cp)
            + ", which can look like an ASCII letter: " + rule);
      }
      i += Character.charCount(cp);
    }
    throw new IllegalArgumentException(what + " '" + value + "' is not allowed: " + rule);
  }

  /** {@code U+0435 (CYRILLIC SMALL LETTER IE)}. */
  public static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    return String.format(java.util.Locale.ROOT, "U+%04X", codePoint) + (name == null ? "" : " (" + name + ")");
  }
}
