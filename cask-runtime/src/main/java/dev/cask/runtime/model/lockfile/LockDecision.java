package dev.cask.runtime.model.lockfile;

import java.util.Locale;

/** What a person decided about a tool: the runtime serves approved tools only, and never a blocked one. */
public enum LockDecision {
  APPROVED,
  BLOCKED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LockDecision parse(String text) {
    for (LockDecision decision : values()) {
      if (decision.wireName().equals(text)) {
        return decision;
      }
    }
    throw new IllegalArgumentException("unknown decision '" + text + "' (expected approved or blocked)");
  }
}
