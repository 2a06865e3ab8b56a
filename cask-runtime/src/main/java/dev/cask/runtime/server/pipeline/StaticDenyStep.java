package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.Optional;

/**
 * Step 3: a tool the policy denies whatever its arguments (a deny rule without argument conditions, or the default
 * deny, decides before any rule with conditions) is denied here, before its arguments are validated, so a caller
 * that may never call it learns nothing about its input schema. Every other verdict waits for {@link PolicyStep},
 * which evaluates argument conditions on validated arguments only.
 */
final class StaticDenyStep implements PipelineStep {
  @Override
  public ToolCallOutcome apply(CallContext context) {
    Optional<PolicyVerdict> verdict = context.tool.policy.withoutArguments();
    if (verdict.isEmpty() || verdict.get().effect() != Effect.DENY) {
      return null;
    }
    context.verdict = verdict.get();
    return PolicyStep.denial(verdict.get());
  }
}
