package dev.cask.runtime.model.policy;

import java.util.Objects;

/**
 * One policy rule. Rules are evaluated by descending priority, then by id.
 *
 * @param id a unique, stable id (it appears in audit records and denials)
 * @param priority higher runs first
 * @param effect what the rule does
 * @param match which calls it applies to (null matches everything)
 * @param limit for {@code budget}: how many matching calls are allowed per window; null otherwise
 * @param reason why the rule exists, shown in denials
 */
public record PolicyRule(String id, int priority, Effect effect, Match match, Limit limit, String reason) {
  public PolicyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(effect, "effect");
    match = match == null ? Match.any() : match;
    if (effect == Effect.BUDGET && limit == null) {
      throw new IllegalArgumentException("policy rule '" + id + "' has effect budget but no limit");
    }
    if (effect != Effect.BUDGET && limit != null) {
      throw new IllegalArgumentException("policy rule '" + id + "' has a limit but its effect is " + effect.wireName() + ", not budget");
    }
  }
}
