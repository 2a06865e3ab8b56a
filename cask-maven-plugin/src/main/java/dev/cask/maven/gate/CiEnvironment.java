package dev.cask.maven.gate;

import java.util.Map;

/**
 * The environment variables the gate reads to recognise CI (today: {@code GITHUB_BASE_REF} of a GitHub Actions pull
 * request). A seam so tests drive it without touching the real environment.
 */
@FunctionalInterface
public interface CiEnvironment {
  /** Set by GitHub Actions in pull-request builds: the target branch's name (e.g. {@code main}). */
  String GITHUB_BASE_REF = "GITHUB_BASE_REF";

  /** The variable's value, or null when unset. */
  String get(String name);

  static CiEnvironment system() {
    return System::getenv;
  }

  static CiEnvironment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return copy::get;
  }
}
