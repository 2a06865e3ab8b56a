package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.RateDecision;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: the global, per-tier and per-tool sliding windows and the budgets of the matched {@code budget} rules, all
 * counted at once or not at all. A dry run only checks. The denial says which counter is spent and when to retry.
 */
final class RateLimitStep implements PipelineStep {
  private final RateLimiter limiter;

  RateLimitStep(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    List<LimitKey> keys = context.tool.limits;
    List<PolicyRule> budgets = context.verdict.budgets();
    if (!budgets.isEmpty()) {
      keys = new ArrayList<>(keys);
      for (PolicyRule rule : budgets) {
        keys.add(LimitKey.budget(rule.id(), rule.limit()));
      }
    }
    RateDecision decision = context.dryRun ? limiter.check(keys) : limiter.acquire(keys);
    if (decision.allowed()) {
      return null;
    }
    LimitKey key = decision.key();
    String reason = key.isBudget() ? ReasonCodes.BUDGET_EXHAUSTED : ReasonCodes.RATE_LIMITED;
    String what = key.isBudget() ? "budget" : "rate limit";
    return Outcomes.deny(reason,
        "the " + what + " '" + key.id() + "' (" + key.limit().calls() + " calls per " + key.limit().windowSeconds()
            + " s) is spent; retry after " + decision.retryAfterMs() + " ms (retry_after_ms=" + decision.retryAfterMs() + ")",
        Outcomes.meta(reason).put("limit", key.id()).put("retry_after_ms", decision.retryAfterMs()));
  }
}
