package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.server.confirm.ChallengeIds;
import dev.cask.runtime.server.confirm.ConfirmationState;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.confirm.RedeemResult;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.RequestRejectedException;

/**
 * Step 5, when the policy says {@code confirm}: without a challenge id the call gets one (with a summary of exactly
 * what will be sent) and stops; with one, the challenge must be approved, bound to exactly this tool, arguments and
 * lockfile, unexpired and unused, and is then used up. Dry runs skip this step: they send nothing.
 */
final class ConfirmationStep implements PipelineStep {
  private final Confirmations store;
  private final String lockfileDigest;
  private final RequestDescription description;

  ConfirmationStep(Confirmations store, String lockfileDigest, RequestDescription description) {
    this.store = store;
    this.lockfileDigest = lockfileDigest;
    this.description = description;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (context.verdict.effect() != Effect.CONFIRM || context.dryRun) {
      return null;
    }
    String tool = context.tool.definition.name();
    if (context.confirmationId == null) {
      try {
        context.request = context.tool.buildRequest(context.arguments);
      } catch (RequestRejectedException e) {
        return Outcomes.deny(ReasonCodes.REQUEST_INVALID, e.getMessage());
      }
      PendingConfirmation challenge;
      try {
        challenge = store.issue(tool, context.argumentsDigest, lockfileDigest, description.describe(context.request));
      } catch (IllegalStateException e) {
        return Outcomes.deny(ReasonCodes.CONFIRMATION_UNAVAILABLE, e.getMessage() + "; try again later");
      }
      context.challengeId = challenge.id();
      return challenge(context, challenge, ReasonCodes.CONFIRMATION_REQUIRED);
    }
    String id = context.confirmationId;
    if (ChallengeIds.isWellFormed(id)) {
      context.challengeId = id;
    }
    RedeemResult result = store.redeem(id, tool, context.argumentsDigest, lockfileDigest);
    switch (result) {
      case ACCEPTED:
        context.approvedVia = store.describe(id).map(PendingConfirmation::approvedVia).orElse(null);
        return null;
      case PENDING:
        return store.describe(id)
            .map(challenge -> challenge(context, challenge, ReasonCodes.CONFIRMATION_PENDING))
            .orElseGet(() -> Outcomes.deny(RedeemResult.UNKNOWN.reasonCode(), "the confirmation is unknown"));
      default:
        return Outcomes.deny(result.reasonCode(), explain(result), Outcomes.meta(result.reasonCode()).put("challenge", context.challengeId));
    }
  }

  private ToolCallOutcome challenge(CallContext context, PendingConfirmation challenge, String reason) {
    StringBuilder text = new StringBuilder();
    if (reason.equals(ReasonCodes.CONFIRMATION_PENDING)) {
      text.append("Not yet approved: challenge ").append(challenge.id()).append(" is still waiting for a person.\n");
    } else {
      text.append("Confirmation required");
      if (context.verdict.ruleId() != null) {
        text.append(" by policy rule '").append(context.verdict.ruleId()).append('\'');
        if (context.verdict.reason() != null) {
          text.append(" (").append(context.verdict.reason()).append(')');
        }
      }
      text.append(". This call would send:\n\n").append(challenge.summary()).append('\n');
    }
    if (challenge.state() == ConfirmationState.APPROVED) {
      text.append("Challenge ").append(challenge.id()).append(" is already approved.\n");
    } else {
      text.append("A person approves it with: java -jar cask-runtime.jar confirm ").append(challenge.id())
          .append("  (expires ").append(challenge.expiresAt()).append(")\n");
    }
    text.append("After approval, repeat exactly the same call with the same arguments plus \"")
        .append(ReservedArguments.CONFIRMATION).append("\": \"").append(challenge.id()).append("\".");
    return new ToolCallOutcome(Decision.CONFIRM, reason, text.toString(), null, true, challenge.id(),
        Outcomes.meta(reason).put("challenge", challenge.id()).put("expires_at", challenge.expiresAt())
            .put("state", challenge.state().name().toLowerCase(java.util.Locale.ROOT)));
  }

  private static String explain(RedeemResult result) {
    return switch (result) {
      case UNKNOWN -> "no such confirmation challenge; call without it to get a new one";
      case EXPIRED -> "the confirmation challenge has expired; call without it to get a new one";
      case REPLAYED -> "the confirmation challenge was already used; each approval runs one call";
      case DECLINED -> "a person declined this confirmation challenge; nothing was sent";
      case MISMATCH -> "the confirmation challenge was approved for a different call (tool, arguments or toolpack changed)";
      default -> result.name();
    };
  }
}
