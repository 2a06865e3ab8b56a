package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.text.ControlCharacters;

/** Small text helpers for agent-facing messages and audit fields. */
final class Texts {
  private Texts() {}

  /**
   * A tool name an agent sent, safe to echo back and to log: at most 100 characters, and as an identifier (tool names
   * are ASCII) anything outside printable ASCII escaped.
   */
  static String printable(String text) {
    return ControlCharacters.escapeIdentifier(text, 100);
  }

  /** At most {@code max} characters (audit fields carry agent-chosen strings). */
  static String capped(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
