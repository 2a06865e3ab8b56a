package dev.cask.maven.verify;

import java.util.Locale;

/** How a tool fared in one contract. */
public enum CheckStatus {
  /** Checked against evidence and held. */
  PASSED,
  /** Checked and broken: fails the build. */
  FAILED,
  /** Nothing to check it against (no recorded call, no recorded response): reported, never counted as passed. */
  NO_EVIDENCE,
  /** Not run, for a reason the report names (the policy denies the tool, a tier not selected for live calls). */
  SKIPPED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
