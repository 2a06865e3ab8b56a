package dev.cask.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.server.upstream.UpstreamRoutes;
import dev.cask.runtime.verification.VerifiedToolpack;

/**
 * Calls approved tools through the runtime's real enforcement pipeline ({@link GovernedPipeline}: integrity, argument
 * validation, policy, rate limits, confirmation, request building, SSRF guard, upstream call, redaction, audit), built
 * from a {@link VerifiedToolpack} exactly as {@code serve} builds it. The only differences are the caller's: where
 * requests go ({@link CallSettings#routes()}), which private networks the guard allows, and whether confirmations are
 * answered here. One call at a time; close it to stop the upstream client and the audit log.
 */
public final class GovernedCalls implements AutoCloseable {
  private static final String SESSION = "cask-verify";

  private final GovernedPipeline pipeline;
  private final boolean answerConfirmations;

  private GovernedCalls(GovernedPipeline pipeline, boolean answerConfirmations) {
    this.pipeline = pipeline;
    this.answerConfirmations = answerConfirmations;
  }

  /**
   * Starts the pipeline.
   *
   * @throws dev.cask.runtime.CaskException when the policy, a binding, the credentials file or the network allowances
   *     are not usable (the same conditions that stop {@code serve})
   */
  public static GovernedCalls open(VerifiedToolpack verified, CallSettings settings) {
    UpstreamConfig credentials = settings.upstreamConfig() == null
        ? UpstreamConfig.none()
        : UpstreamConfig.load(settings.upstreamConfig(), settings.environment());
    PipelineSettings pipelineSettings = PipelineSettings.builder(settings.auditLog())
        .allowNetworks(settings.allowNetworks())
        .credentials(credentials)
        .routes(new UpstreamRoutes(settings.routes()))
        .build();
    return new GovernedCalls(GovernedPipeline.start(ApprovedTools.verified(verified), pipelineSettings),
        settings.answerConfirmations());
  }

  /** Runs one call (and, when the policy asks for a confirmation and this runner answers them, its confirmed repeat). */
  public CallResult call(String tool, JsonNode arguments) {
    ToolCall call = new ToolCall(SESSION, tool, arguments, false);
    ToolCallOutcome outcome = pipeline.call(call);
    if (outcome.decision() != Decision.CONFIRM || outcome.challengeId() == null || !answerConfirmations) {
      return result(outcome, false);
    }
    ToolCallOutcome answer = pipeline.answerConfirmation(SESSION, outcome.challengeId(), ConfirmationAnswer.APPROVED);
    if (!GovernedTools.CONFIRMATION_APPROVED.equals(answer.reasonCode())) {
      return result(answer, false);
    }
    return result(pipeline.call(call.withConfirmation(outcome.challengeId())), true);
  }

  private static CallResult result(ToolCallOutcome outcome, boolean confirmed) {
    return new CallResult(outcome.decision().wireName(), outcome.reasonCode(), outcome.isError(), outcome.text(),
        outcome.structuredContent(), outcome.meta(), confirmed);
  }

  /** The audit log's record count and chain head. */
  public String auditHead() {
    return pipeline.auditHead();
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
