package dev.cask.maven.report.markdown;

import dev.cask.runtime.text.ControlCharacters;

/**
 * Safe Markdown for text an attacker may control. Tool descriptions, property names, patterns and enum values come
 * from API specs and traffic; in a PR comment they must not render as HTML, links, images or @mentions, close a
 * {@code <details>} block, or forge a table row. Untrusted text therefore only ever appears inside code spans or fenced
 * code blocks (GitHub renders neither as Markdown and does not turn @names in them into mentions), with fences longer
 * than any backtick run inside, pipes escaped for tables, line breaks flattened where one line is needed, and control
 * and invisible characters escaped ({@link ControlCharacters}).
 */
public final class Md {
  private Md() {}

  /** An inline code span for use in a table cell or a sentence; empty text gives an empty string. */
  public static String code(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String flat = oneLine(text).replace("|", "\\|");
    int run = longestBacktickRun(flat);
    String fence = "`".repeat(run + 1);
    boolean pad = flat.startsWith("`") || flat.endsWith("`") || run > 0;
    return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
  }

  /** A fenced code block, info string {@code text}. */
  public static String block(String text) {
    String clean = controlFree(text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n'));
    String fence = "`".repeat(Math.max(3, longestBacktickRun(clean) + 1));
    return fence + "text\n" + clean + (clean.endsWith("\n") ? "" : "\n") + fence + "\n";
  }

  /** Trusted text of our own (rule titles, labels): only pipes and line breaks need care inside tables. */
  public static String cell(String trusted) {
    return oneLine(trusted).replace("|", "\\|");
  }

  private static String oneLine(String text) {
    return controlFree(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')).strip();
  }

  /** Control and invisible characters escaped, line feeds and tabs kept (the shared rule, {@link ControlCharacters}). */
  static String controlFree(String text) {
    return ControlCharacters.escapeKeepingLines(text);
  }

  private static int longestBacktickRun(String text) {
    int longest = 0;
    int current = 0;
    for (int i = 0; i < text.length(); i++) {
      current = text.charAt(i) == '`' ? current + 1 : 0;
      longest = Math.max(longest, current);
    }
    return longest;
  }
}
