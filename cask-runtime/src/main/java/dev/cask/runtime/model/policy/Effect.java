package dev.cask.runtime.model.policy;

import java.util.Locale;

/**
 * What a policy rule does to a call it matches.
 *
 * <ul>
 *   <li>{@code allow}, {@code deny}, {@code confirm}: terminal; the first matching terminal rule decides.
 *   <li>{@code budget}: counts matching calls against the rule's limit and denies once it is spent; evaluation goes on.
 *   <li>{@code audit}: marks matching calls for a detailed audit record; evaluation goes on.
 * </ul>
 */
public enum Effect {
  ALLOW,
  DENY,
  CONFIRM,
  BUDGET,
  AUDIT;

  public boolean isTerminal() {
    return this == ALLOW || this == DENY || this == CONFIRM;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Effect parse(String text) {
    for (Effect effect : values()) {
      if (effect.wireName().equals(text)) {
        return effect;
      }
    }
    throw new IllegalArgumentException(
        "unknown policy effect '" + text + "' (expected allow, deny, confirm, budget or audit)");
  }
}
