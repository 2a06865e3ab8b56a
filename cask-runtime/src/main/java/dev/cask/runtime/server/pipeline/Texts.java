package dev.cask.runtime.server.pipeline;

import java.util.Locale;

/** Small text helpers for agent-facing messages and audit fields. */
final class Texts {
  private Texts() {}

  /** At most 100 characters, control and non-ASCII characters escaped: safe to echo agent input back. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(100).forEach(c -> {
      if (c < 0x20 || c >= 0x7F) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.length() > 100 ? out + "..." : out.toString();
  }

  /** At most {@code max} characters (audit fields carry agent-chosen strings). */
  static String capped(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
