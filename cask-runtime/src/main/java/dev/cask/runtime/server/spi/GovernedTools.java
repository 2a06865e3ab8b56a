package dev.cask.runtime.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.List;
import java.util.Optional;

/**
 * What a transport needs from the governed core: the tools an agent may see, and one entry point for every call. The
 * implementation (the enforcement pipeline) can only be built from a verified toolpack, so a transport can never serve
 * anything unverified. Implementations are thread-safe.
 */
public interface GovernedTools {
  /** The approved tools of the verified toolpack, in name order; nothing else exists for the agent. */
  List<ToolDefinition> listTools();

  /** Runs the whole per-call pipeline; never throws (any failure is a {@code DENY} with {@code error_internal}). */
  ToolCallOutcome call(ToolCall call);

  /**
   * The input schema to list for a tool: its approved schema plus the optional reserved arguments the pipeline
   * understands ({@code _cask_confirmation}, {@code _cask_dry_run}), so clients that check arguments against the listed
   * schema let them through. The pipeline still validates the approved schema itself.
   */
  default JsonNode advertisedInputSchema(ToolDefinition tool) {
    return tool.inputSchema();
  }

  /** A pending challenge, for a transport that asks the person in the client (MCP elicitation); empty if unknown. */
  default Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    return Optional.empty();
  }

  /**
   * Records that the person accepted a challenge in the client (MCP elicitation). Call it only on an explicit accept
   * from the person, then repeat the call with {@link ToolCall#confirmationId()}. Returns whether it is now approved.
   */
  default boolean approveConfirmation(String challengeId) {
    return false;
  }
}
