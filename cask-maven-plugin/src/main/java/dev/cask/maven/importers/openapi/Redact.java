package dev.cask.maven.importers.openapi;

import java.util.regex.Pattern;

/** Keeps credentials written into URLs out of messages: logs must never hold secrets. */
final class Redact {
  private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#]*@");

  private Redact() {}

  /** {@code https://user:secret@host/x} becomes {@code https://***@host/x}. */
  static String url(String text) {
    return USER_INFO.matcher(text).replaceAll("***@");
  }
}
