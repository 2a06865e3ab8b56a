package dev.cask.runtime.model.policy;

import dev.cask.runtime.model.Lists;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The content of {@code policy.yaml}: what the runtime allows, denies, asks a person to confirm, budgets and audits.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param defaultEffect what happens to a call no terminal rule decides: {@code deny} unless a person wrote otherwise
 * @param rules the rules, kept in evaluation order (descending priority, then id)
 * @param rateLimits sliding-window limits, or null for none
 */
public record Policy(int formatVersion, Effect defaultEffect, List<PolicyRule> rules, RateLimits rateLimits) {
  public static final int FORMAT_VERSION = 1;

  /** Evaluation order: higher priority first, ties broken by id so the order never depends on file order. */
  public static final Comparator<PolicyRule> EVALUATION_ORDER =
      Comparator.comparingInt(PolicyRule::priority).reversed().thenComparing(PolicyRule::id);

  public Policy {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported policy format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    Objects.requireNonNull(defaultEffect, "defaultEffect");
    if (!defaultEffect.isTerminal()) {
      throw new IllegalArgumentException("policy defaultEffect must be allow, deny or confirm, was " + defaultEffect.wireName());
    }
    rules = Lists.copy(rules).stream().sorted(EVALUATION_ORDER).toList();
    Set<String> ids = new HashSet<>();
    for (PolicyRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("policy rule id '" + rule.id() + "' is used twice");
      }
    }
  }

  /** The policy that applies when there is no policy file: every call is denied. */
  public static Policy denyAll() {
    return new Policy(FORMAT_VERSION, Effect.DENY, List.of(), null);
  }
}
