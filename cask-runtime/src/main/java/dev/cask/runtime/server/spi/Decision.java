package dev.cask.runtime.server.spi;

/** What the pipeline decided about a call; every decision is audited. */
public enum Decision {
  /** The call ran (or, in a dry run, would run). */
  ALLOW,
  /** The call was refused; the outcome's reason code says why. */
  DENY,
  /** The call needs a person's confirmation first; the outcome carries the challenge. */
  CONFIRM;

  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name used in audit records and {@code _meta} ({@code allow}, {@code deny}, {@code confirm}). */
  public String wireName() {
    return wireName;
  }
}
