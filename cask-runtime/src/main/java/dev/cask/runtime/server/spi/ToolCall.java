package dev.cask.runtime.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One tool call as a transport received it.
 *
 * @param sessionId the MCP session (stdio: one per process), for audit and rate limits
 * @param tool the tool name the agent asked for
 * @param arguments the arguments object exactly as received (may be hostile: the pipeline validates it)
 * @param dryRun whether the caller asked for a dry run (the exact request is returned, nothing is sent)
 * @param confirmationId a confirmation challenge id the transport redeems for this call (e.g. after an MCP elicitation
 *     the person accepted), or null; an agent passes it as the reserved argument {@code _cask_confirmation} instead
 */
public record ToolCall(String sessionId, String tool, JsonNode arguments, boolean dryRun, String confirmationId) {
  public ToolCall {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tool, "tool");
  }

  /** The same call, redeeming a confirmation challenge a person approved in the client. */
  public ToolCall withConfirmation(String challengeId) {
    return new ToolCall(sessionId, tool, arguments, dryRun, Objects.requireNonNull(challengeId, "challengeId"));
  }

  /** A call without a transport-supplied confirmation. */
  public ToolCall(String sessionId, String tool, JsonNode arguments, boolean dryRun) {
    this(sessionId, tool, arguments, dryRun, null);
  }
}
