package dev.cask.maven.log;

import java.util.function.Consumer;

/**
 * Where build-time engines report what they do. Engines never log directly: the Mojo sends these lines to Maven's
 * log, tests collect them. Lines must never contain secrets (redact before reporting).
 */
public interface BuildLog {
  void info(String message);

  void warn(String message);

  void debug(String message);

  /** A log that drops everything. */
  static BuildLog silent() {
    return of(line -> {}, line -> {}, line -> {});
  }

  static BuildLog of(Consumer<String> info, Consumer<String> warn, Consumer<String> debug) {
    return new BuildLog() {
      @Override
      public void info(String message) {
        info.accept(message);
      }

      @Override
      public void warn(String message) {
        warn.accept(message);
      }

      @Override
      public void debug(String message) {
        debug.accept(message);
      }
    };
  }
}
