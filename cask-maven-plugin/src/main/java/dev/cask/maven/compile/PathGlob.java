package dev.cask.maven.compile;

import java.util.regex.Pattern;

/**
 * A glob over an operation's full path template on its host (base path included), as toolsets and
 * {@code cask.operations} write it: {@code *} matches within one segment, {@code **} any number of segments, a
 * trailing {@code /**} also the path itself; placeholders compare by position ({@code /users/{id}} matches
 * {@code /users/{userId}}). Matched against {@code OperationKey.normalizedPath()}, where every placeholder is {@code {}}.
 */
public final class PathGlob {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]*}");

  private PathGlob() {}

  /** The glob as a regular expression over normalized paths. */
  public static Pattern pattern(String glob) {
    String normalized = PLACEHOLDER.matcher(glob).replaceAll("{}");
    StringBuilder regex = new StringBuilder();
    int i = 0;
    StringBuilder literal = new StringBuilder();
    while (i < normalized.length()) {
      if (normalized.startsWith("/**", i) && i + 3 == normalized.length()) {
        regex.append(Pattern.quote(literal.toString())).append("(/.*)?"); // a trailing /** also matches the prefix itself
        literal.setLength(0);
        i += 3;
      } else if (normalized.startsWith("**", i)) {
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
        i += 2;
      } else if (normalized.charAt(i) == '*') {
        regex.append(Pattern.quote(literal.toString())).append("[^/]*");
        literal.setLength(0);
        i++;
      } else {
        literal.append(normalized.charAt(i++));
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString());
  }
}
