package dev.cask.maven.compile;

import dev.cask.runtime.text.ControlCharacters;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Cleans text an agent will read (tool descriptions, parameter and schema descriptions). Descriptions are the prompt
 * surface of a tool: characters a reviewer cannot see (zero-width, bidirectional overrides, control characters) are
 * removed so that what is reviewed is what the agent reads. Nothing is added or reworded.
 */
final class DescriptionText {
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private DescriptionText() {}

  static String clean(String text) {
    if (text == null) {
      return "";
    }
    return isPlainClean(text) ? text : cleanFully(text);
  }

  /** {@link #clean} without the shortcut. */
  static String cleanFully(String text) {
    String normalized = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
    // Control and invisible characters (the shared rule, ControlCharacters) go; tabs and newlines are layout.
    String visible = ControlCharacters.removeKeepingLines(normalized);
    return BLANK_LINES.matcher(TRAILING_SPACE.matcher(visible).replaceAll("\n")).replaceAll("\n\n").strip();
  }

  /**
   * Whether {@link #clean} would return the text unchanged, decided in one pass for the common case (GitHub's tool
   * schemas repeat shared descriptions hundreds of times): printable ASCII, tabs and newlines only (NFC leaves ASCII
   * as it is; no invisible character is ASCII-printable), no line ending in a space or tab, no three newlines in a
   * row, nothing to strip at either end. Anything else takes the full path.
   */
  static boolean isPlainClean(String text) {
    int length = text.length();
    if (length == 0) {
      return true;
    }
    if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(length - 1))) {
      return false;
    }
    char before = 0;
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c > '~' || (c < ' ' && c != '\n' && c != '\t')) {
        return false;
      }
      if (c == '\n' && (previous == ' ' || previous == '\t' || (previous == '\n' && before == '\n'))) {
        return false;
      }
      before = previous;
      previous = c;
    }
    return true;
  }

  /** Whether cleaning removed anything a person could not see. */
  static boolean hadInvisible(String text) {
    return ControlCharacters.containsUnsafe(text);
  }

  /**
   * Cuts text to at most {@code max} characters at a word boundary, ending with an ellipsis when cut. Never splits a
   * surrogate pair.
   */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    int space = text.lastIndexOf(' ', end);
    int newline = text.lastIndexOf('\n', end);
    int cut = Math.max(space, newline);
    if (cut < max / 2) {
      cut = end;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }
}
