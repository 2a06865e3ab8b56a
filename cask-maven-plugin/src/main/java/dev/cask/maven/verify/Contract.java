package dev.cask.maven.verify;

import java.util.Locale;

/** The three contracts {@code cask:verify} runs, in report order. */
public enum Contract {
  /** The runtime's request builder reproduces every recorded call. */
  REPLAY,
  /** Approved tools, called through the runtime's pipeline, answer as recorded and as their output schemas say. */
  OUTCOME,
  /** Every tool traces to its source and every approval to a trusted signer. */
  PROVENANCE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
