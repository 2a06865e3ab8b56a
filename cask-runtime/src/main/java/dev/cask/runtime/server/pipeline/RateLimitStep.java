package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.RateDecision;
import dev.cask.runtime.server.state.StateUnavailableException;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: the global, per-tier and per-tool sliding windows and the budgets of the matched {@code budget} rules, all
 * counted at once or not at all. A dry run only checks. The denial says which counter is spent and when to retry.
 *
 * <p>When the counters are shared and their store does not answer, the call is denied ({@code state_unavailable},
 * thrown on to the pipeline) — unless the policy lets the tool's tier fall back ({@code rateLimits.localFallback}) and no
 * budget applies: then this replica's own counters decide, as a single server's would.
 */
final class RateLimitStep implements PipelineStep {
  private final LimitCounters counters;
  private final LimitCounters fallback;

  RateLimitStep(LimitCounters counters, LimitCounters fallback) {
    this.counters = counters;
    this.fallback = fallback;
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
    if (keys.isEmpty()) {
      return null; // nothing to count: no store is asked
    }
    RateDecision decision;
    try {
      decision = decide(counters, keys, context.dryRun);
    } catch (StateUnavailableException e) {
      if (!context.tool.localFallback || !budgets.isEmpty()) {
        throw e;
      }
      decision = decide(fallback, keys, context.dryRun);
    }
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

  private static RateDecision decide(LimitCounters counters, List<LimitKey> keys, boolean dryRun) {
    return dryRun ? counters.check(keys) : counters.acquire(keys);
  }
}
