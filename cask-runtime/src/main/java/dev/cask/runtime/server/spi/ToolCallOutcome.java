package dev.cask.runtime.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a transport returns to the agent for a call. Denials and confirmation challenges are normal tool results marked
 * as errors (so the model can read why), never protocol errors.
 *
 * @param decision allow, deny or confirm
 * @param reasonCode a stable machine-readable code ({@code ok}, {@code policy_deny}, {@code rate_limited},
 *     {@code invalid_arguments}, {@code confirmation_required}, {@code error_internal} ...), documented
 * @param text the text content shown to the agent (already redacted)
 * @param structuredContent structured content matching the tool's output schema, or null
 * @param isError whether the result is an error for the agent
 * @param challengeId for {@link Decision#CONFIRM}: the short challenge id a person approves; null otherwise
 */
public record ToolCallOutcome(
    Decision decision, String reasonCode, String text, JsonNode structuredContent, boolean isError, String challengeId) {
  public ToolCallOutcome {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(text, "text");
  }
}
