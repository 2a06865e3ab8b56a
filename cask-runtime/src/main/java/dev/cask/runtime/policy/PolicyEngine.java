package dev.cask.runtime.policy;

import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@link Policy}. Compiling checks every operand and regular expression up front, so a broken policy stops
 * the server at start-up instead of failing (open or closed) on some later call. No policy means
 * {@link Policy#denyAll()}: there is no way to build an engine that allows by omission.
 */
public final class PolicyEngine {
  private record CompiledRule(PolicyRule rule, StaticMatch match, List<ArgumentMatcher> conditions) {}

  private final Policy policy;
  private final List<CompiledRule> rules;

  private PolicyEngine(Policy policy, List<CompiledRule> rules) {
    this.policy = policy;
    this.rules = rules;
  }

  /**
   * Compiles a policy; null compiles {@link Policy#denyAll()}.
   *
   * @throws IllegalArgumentException naming the rule when an operand or regular expression is invalid
   */
  public static PolicyEngine compile(Policy policy) {
    Policy effective = policy == null ? Policy.denyAll() : policy;
    List<CompiledRule> rules = new ArrayList<>();
    for (PolicyRule rule : effective.rules()) {
      List<ArgumentMatcher> conditions =
          rule.match().arguments().stream().map(condition -> ArgumentMatcher.compile(rule.id(), condition)).toList();
      rules.add(new CompiledRule(rule, new StaticMatch(rule.match()), conditions));
    }
    return new PolicyEngine(effective, List.copyOf(rules));
  }

  /** The policy as it applies to one tool. */
  public ToolPolicy forTool(ToolDefinition tool) {
    List<ToolPolicy.ApplicableRule> applicable = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (rule.match().matches(tool)) {
        applicable.add(new ToolPolicy.ApplicableRule(rule.rule(), rule.conditions()));
      }
    }
    return new ToolPolicy(applicable, policy.defaultEffect());
  }

  public Policy policy() {
    return policy;
  }
}
