package dev.cask.runtime.policy;

import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.PolicyRule;
import java.util.List;

/**
 * What the policy says about one call.
 *
 * @param effect {@code allow}, {@code deny} or {@code confirm}
 * @param ruleId the deciding rule, or null when the policy's default decided
 * @param reason the deciding rule's reason, or null
 * @param budgets the {@code budget} rules the call matched before the decision (each counts the call)
 * @param auditRules ids of the {@code audit} rules the call matched before the decision
 */
public record PolicyVerdict(
    Effect effect, String ruleId, String reason, List<PolicyRule> budgets, List<String> auditRules) {

  public boolean byDefault() {
    return ruleId == null;
  }

  public boolean audited() {
    return !auditRules.isEmpty();
  }
}
