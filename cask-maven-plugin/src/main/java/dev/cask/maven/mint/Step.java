package dev.cask.maven.mint;

import java.time.Duration;

/** One step of a mint steps file (see {@link StepsFile}); {@code line} is where it is written, for messages. */
public sealed interface Step {
  int line();

  /** Open a URL (absolute, or a path on the start URL's origin). */
  record Goto(int line, String url) implements Step {}

  record Click(int line, String selector) implements Step {}

  /** Type a value; a value from the environment is a secret: never logged, and redacted wherever it is recorded. */
  record Fill(int line, String selector, Value value) implements Step {}

  record Select(int line, String selector, Value value) implements Step {}

  record WaitFor(int line, String selector, Duration timeout) implements Step {}

  /** The first element matching the selector contains the text. */
  record ExpectText(int line, String selector, String text) implements Step {}

  /** The page's URL contains the text. */
  record ExpectUrl(int line, String text) implements Step {}

  /**
   * A value to type.
   *
   * @param text the value
   * @param secretFrom the environment variable it came from, or null for a literal
   */
  record Value(String text, String secretFrom) {
    public boolean secret() {
      return secretFrom != null;
    }

    /** What a log line may show: the literal, or the variable's name for a secret. */
    public String shown() {
      return secretFrom == null ? "'" + text + "'" : "${env:" + secretFrom + "} (secret)";
    }

    @Override
    public String toString() {
      return shown();
    }
  }
}
