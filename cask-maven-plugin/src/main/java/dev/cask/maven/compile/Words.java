package dev.cask.maven.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits identifiers into lower-case words: on every non-alphanumeric character, at camelCase boundaries
 * ({@code getUserByID} → get, user, by, id) and between letters and digits ({@code oauth2} → oauth, 2).
 *
 * <p>Risk rules and tool names compare whole words, never substrings: {@code /authors} is not {@code auth} and
 * {@code /badminton} is not {@code admin}.
 */
final class Words {
  private Words() {}

  static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!isAsciiLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (word.length() > 0) {
        char previous = word.charAt(word.length() - 1);
        boolean lowerToUpper = Character.isLowerCase(previous) && Character.isUpperCase(c);
        boolean acronymEnd =
            Character.isUpperCase(previous)
                && Character.isUpperCase(c)
                && i + 1 < length
                && Character.isLowerCase(text.charAt(i + 1));
        boolean letterDigit = Character.isLetter(previous) != Character.isLetter(c);
        if (lowerToUpper || acronymEnd || letterDigit) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }

  /** The singular of a simple English plural, for matching word lists ({@code tokens} → {@code token}). */
  static String singular(String word) {
    if (word.length() > 4 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 3 && word.endsWith("ses")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
