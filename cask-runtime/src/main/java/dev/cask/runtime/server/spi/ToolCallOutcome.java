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
 * @param meta machine-readable details for the result's {@code _meta} (reason, {@code retry_after_ms}, rule,
 *     challenge and its expiry ...), or null; transports put it under the key {@value #META_KEY}
 */
public record ToolCallOutcome(
    Decision decision,
    String reasonCode,
    String text,
    JsonNode structuredContent,
    boolean isError,
    String challengeId,
    JsonNode meta) {
  /** The {@code _meta} key under which transports return {@link #meta()}. */
  public static final String META_KEY = "dev.cask/outcome";

  public ToolCallOutcome {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(text, "text");
  }

  /** An outcome without details. */
  public ToolCallOutcome(
      Decision decision, String reasonCode, String text, JsonNode structuredContent, boolean isError, String challengeId) {
    this(decision, reasonCode, text, structuredContent, isError, challengeId, null);
  }
}
