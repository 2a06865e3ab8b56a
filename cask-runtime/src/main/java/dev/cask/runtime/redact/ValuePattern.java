package dev.cask.runtime.redact;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule that finds secret or personal values inside any text, by pattern.
 *
 * @param rule the rule name recorded with each redaction ({@code jwt}, {@code email} ...)
 * @param pattern what to find; the whole match is replaced
 * @param check a second test on the match (e.g. the Luhn checksum of a card number), or null
 * @param credential whether the value is a credential: credential rules apply even to allow-listed fields, which only
 *     switch off the key rules and the personal-data rules
 * @param quick a cheap test a text must pass before the pattern runs (e.g. "contains '@'"), or null: traffic has
 *     millions of strings and most hold nothing secret
 */
public record ValuePattern(String rule, Pattern pattern, Predicate<String> check, boolean credential, Predicate<String> quick) {
  public ValuePattern {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(pattern, "pattern");
    if (!rule.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "redaction rule name '" + rule + "' must be 1-64 lower-case letters, digits and '-'");
    }
  }

  public ValuePattern(String rule, Pattern pattern, Predicate<String> check, boolean credential) {
    this(rule, pattern, check, credential, null);
  }

  /** A personal-data or custom rule without a second check. */
  public static ValuePattern of(String rule, String regex) {
    return new ValuePattern(rule, Pattern.compile(regex), null, false);
  }

  /** Whether the text may hold a match (the quick test), before running the pattern. */
  boolean mayMatch(String text) {
    return quick == null || quick.test(text);
  }

  /**
   * Parses {@code rule=regex} as written in the plugin configuration ({@code cask.redact.patterns}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ValuePattern parse(String definition) {
    int eq = definition.indexOf('=');
    if (eq <= 0 || eq == definition.length() - 1) {
      throw new IllegalArgumentException("redaction pattern '" + definition + "' must be written rule-name=regex");
    }
    String rule = definition.substring(0, eq).trim();
    String regex = definition.substring(eq + 1);
    try {
      return new ValuePattern(rule, Pattern.compile(regex), null, true);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "redaction pattern '" + rule + "' is not a valid Java regular expression: " + e.getDescription());
    }
  }

  boolean accepts(String match) {
    return check == null || check.test(match);
  }
}
