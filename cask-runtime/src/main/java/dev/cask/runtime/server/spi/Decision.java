package dev.cask.runtime.server.spi;

/** What the pipeline decided about a call; every decision is audited. */
public enum Decision {
  /** The call ran (or, in a dry run, would run). */
  ALLOW,
  /** The call was refused; the outcome's reason code says why. */
  DENY,
  /** The call needs a person's confirmation first; the outcome carries the challenge. */
  CONFIRM
}
