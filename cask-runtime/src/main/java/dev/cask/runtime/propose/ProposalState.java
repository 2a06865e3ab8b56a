package dev.cask.runtime.propose;

import java.util.Locale;

/**
 * Where a proposal stands. There is deliberately no "approved" state: a proposal never grants anything. Only a signed
 * {@code gate-allow} in the lockfile (and, for a policy change, a signed policy) makes a tool callable.
 */
public enum ProposalState {
  /** Stored by {@code cask_propose}, waiting for a person. */
  PENDING,
  /** A person turned it into the normal path ({@code cask:propose-accept}): a capture entry to compile, then gate-allow. */
  ACCEPTED,
  /** A person closed it ({@code cask:propose-reject}). */
  REJECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state of a wire name, or null for anything else (a damaged or forged file). */
  public static ProposalState fromWire(String text) {
    for (ProposalState state : values()) {
      if (state.wireName().equals(text)) {
        return state;
      }
    }
    return null;
  }
}
