package dev.cask.runtime.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policy as it applies to one tool: only the rules whose tool, risk, method, host and path criteria match it, in
 * evaluation order. Immutable and thread-safe.
 */
public final class ToolPolicy {
  /** A rule that applies to the tool, with its compiled argument conditions. */
  record ApplicableRule(PolicyRule rule, List<ArgumentMatcher> conditions) {
    boolean matches(JsonNode arguments) {
      for (ArgumentMatcher condition : conditions) {
        if (!condition.test(arguments)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<ApplicableRule> rules;
  private final Effect defaultEffect;
  private final PolicyVerdict withoutArguments;

  ToolPolicy(List<ApplicableRule> rules, Effect defaultEffect) {
    this.rules = List.copyOf(rules);
    this.defaultEffect = defaultEffect;
    this.withoutArguments = decideWithoutArguments();
  }

  /**
   * The verdict when no argument can change it: the first {@code allow}, {@code deny} or {@code confirm} rule that
   * applies has no argument conditions (or none applies, and the default decides). Empty when an argument condition
   * comes first. Such a verdict can be given before the arguments are validated, so a tool that is denied whatever
   * its arguments never tells a caller anything about its input schema. The verdict names only the {@code budget} and
   * {@code audit} rules without conditions that come before it: conditions need validated arguments.
   */
  public Optional<PolicyVerdict> withoutArguments() {
    return Optional.ofNullable(withoutArguments);
  }

  private PolicyVerdict decideWithoutArguments() {
    List<PolicyRule> budgets = new ArrayList<>();
    List<String> audits = new ArrayList<>();
    for (ApplicableRule applicable : rules) {
      PolicyRule rule = applicable.rule();
      boolean unconditional = applicable.conditions().isEmpty();
      switch (rule.effect()) {
        case BUDGET -> {
          if (unconditional) {
            budgets.add(rule);
          }
        }
        case AUDIT -> {
          if (unconditional) {
            audits.add(rule.id());
          }
        }
        default -> {
          return unconditional
              ? new PolicyVerdict(rule.effect(), rule.id(), rule.reason(), List.copyOf(budgets), List.copyOf(audits))
              : null;
        }
      }
    }
    return new PolicyVerdict(defaultEffect, null, null, List.copyOf(budgets), List.copyOf(audits));
  }

  /**
   * Evaluates the rules in order: {@code budget} and {@code audit} rules that match are collected and evaluation goes
   * on; the first matching {@code allow}, {@code deny} or {@code confirm} rule decides; when none matches, the policy's
   * default effect decides.
   *
   * @throws PolicyUnevaluableException when a condition cannot be evaluated (the caller denies the call)
   */
  public PolicyVerdict evaluate(JsonNode arguments) {
    List<PolicyRule> budgets = List.of();
    List<String> audits = List.of();
    for (ApplicableRule applicable : rules) {
      if (!applicable.matches(arguments)) {
        continue;
      }
      PolicyRule rule = applicable.rule();
      switch (rule.effect()) {
        case BUDGET -> {
          if (budgets.isEmpty()) {
            budgets = new ArrayList<>(2);
          }
          budgets.add(rule);
        }
        case AUDIT -> {
          if (audits.isEmpty()) {
            audits = new ArrayList<>(2);
          }
          audits.add(rule.id());
        }
        default -> {
          return new PolicyVerdict(rule.effect(), rule.id(), rule.reason(), budgets, audits);
        }
      }
    }
    return new PolicyVerdict(defaultEffect, null, null, budgets, audits);
  }

  /** Ids of the rules that can apply to this tool, in evaluation order (for start-up logs and tests). */
  public List<String> ruleIds() {
    return rules.stream().map(rule -> rule.rule().id()).toList();
  }
}
