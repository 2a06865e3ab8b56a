package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.policy.PolicyUnevaluableException;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.server.spi.ToolCallOutcome;

/**
 * Step 5: the policy's verdict on the validated arguments; a {@code deny} (by a rule or by default) ends the call. (A
 * deny that no argument can change was given already, by {@link StaticDenyStep}.)
 */
final class PolicyStep implements PipelineStep {
  @Override
  public ToolCallOutcome apply(CallContext context) {
    PolicyVerdict verdict;
    try {
      verdict = context.tool.policy.evaluate(context.arguments);
    } catch (PolicyUnevaluableException e) {
      return Outcomes.deny(ReasonCodes.POLICY_UNEVALUABLE, e.getMessage(),
          Outcomes.meta(ReasonCodes.POLICY_UNEVALUABLE).put("rule", e.ruleId()));
    }
    context.verdict = verdict;
    return verdict.effect() == dev.cask.runtime.model.policy.Effect.DENY ? denial(verdict) : null;
  }

  /** The agent's answer to a policy denial. */
  static ToolCallOutcome denial(PolicyVerdict verdict) {
    if (verdict.byDefault()) {
      return Outcomes.deny(ReasonCodes.POLICY_DEFAULT_DENY,
          "no policy rule allows this call, and the policy denies by default");
    }
    String why = verdict.reason() == null ? "" : ": " + verdict.reason();
    return Outcomes.deny(ReasonCodes.POLICY_DENY, "policy rule '" + verdict.ruleId() + "'" + why,
        Outcomes.meta(ReasonCodes.POLICY_DENY).put("rule", verdict.ruleId()));
  }
}
