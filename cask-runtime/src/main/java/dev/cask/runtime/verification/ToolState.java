package dev.cask.runtime.verification;

import java.util.Locale;

/** A tool's gate state, as {@code gate-status} shows it. */
public enum ToolState {
  /** Approved by enough valid signatures over exactly this definition. */
  APPROVED,
  /** No decision yet. */
  NEW,
  /** The definition (or name) differs from the one approved. */
  CHANGED,
  /** Blocked by a signed decision. */
  BLOCKED,
  /** A decision for an operation the toolpack no longer has. */
  STALE,
  /** A decision whose signatures do not hold (invalid, unknown signer, too few...). */
  INVALID;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
