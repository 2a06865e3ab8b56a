package dev.cask.maven.compile;

/**
 * Whether a text (an element's label, a path) holds one of the destructive words the risk classifier knows
 * ({@code delete}, {@code remove}, {@code cancel}, {@code reset} ...), as whole words: the same list and the same
 * splitting, so {@code cask:mint}'s crawler leaves alone exactly what a compiled tool would call destructive.
 */
public final class DestructiveWords {
  private DestructiveWords() {}

  public static boolean in(String text) {
    if (text == null) {
      return false;
    }
    for (String word : Words.of(text)) {
      if (RiskClassifier.DESTRUCTIVE_WORDS.contains(word) || RiskClassifier.DESTRUCTIVE_WORDS.contains(Words.singular(word))) {
        return true;
      }
    }
    return false;
  }
}
