package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCallOutcome;

/**
 * Dry runs end here, after every check: the exact request that would be sent, redacted (credentials show as their
 * kind). Nothing is sent, no confirmation is issued and no budget is consumed.
 */
final class DryRunStep implements PipelineStep {
  private final RequestDescription description;

  DryRunStep(RequestDescription description) {
    this.description = description;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (!context.dryRun) {
      return null;
    }
    boolean confirm = context.verdict.effect() == Effect.CONFIRM;
    String text = "Dry run: nothing was sent. This request would be sent:\n\n" + description.describe(context.request)
        + (confirm ? "\nA real call needs a person's confirmation first (policy rule '" + context.verdict.ruleId() + "')." : "");
    return new ToolCallOutcome(confirm ? Decision.CONFIRM : Decision.ALLOW, ReasonCodes.DRY_RUN, text, null, false, null,
        Outcomes.meta(ReasonCodes.DRY_RUN).put("confirmation_required", confirm));
  }
}
