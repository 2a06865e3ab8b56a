package dev.cask.runtime.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a transport needs from the governed core: the tools an agent may see, and one entry point for every call. The
 * implementation (the enforcement pipeline) can only be built from a verified toolpack, so a transport can never serve
 * anything unverified. Implementations are thread-safe.
 */
public interface GovernedTools {
  /** The reason code of {@link #answerConfirmation}'s result when the challenge is now approved. */
  String CONFIRMATION_APPROVED = "confirmation_approved";
  /**
   * Completes when the tools can be listed and called: at once for a core built from a verified toolpack; later for a
   * server that started its transport while it verifies (never, when verification fails). A transport may prepare
   * its answers from then on; every other method blocks until then.
   */
  default CompletableFuture<Void> ready() {
    return CompletableFuture.completedFuture(null);
  }

  /** The approved tools of the verified toolpack, in name order; nothing else exists for the agent. */
  List<ToolDefinition> listTools();

  /** Runs the whole per-call pipeline; never throws (any failure is a {@code DENY} with {@code error_internal}). */
  ToolCallOutcome call(ToolCall call);

  /**
   * A {@code tools/call} the transport could not read as a call (its params are not an object, it names no tool, or
   * the name is not a string): denied with {@code invalid_request} and audited like every other decision. Never
   * throws.
   *
   * @param sessionId the MCP session
   * @param tool the tool name as far as it could be read ({@code ""} when there is none)
   * @param problem what is wrong, for the agent (must not echo the request)
   */
  ToolCallOutcome refuse(String sessionId, String tool, String problem);

  /**
   * The input schema to list for a tool: its approved schema plus the optional reserved arguments the pipeline
   * understands ({@code _cask_confirmation}, {@code _cask_dry_run}), so clients that check arguments against the listed
   * schema let them through. The pipeline still validates the approved schema itself.
   */
  default JsonNode advertisedInputSchema(ToolDefinition tool) {
    return tool.inputSchema();
  }

  /**
   * A challenge that still waits for a person (issued, not yet approved, used, declined or expired), for a transport
   * that asks the person in the client (MCP elicitation); empty otherwise.
   */
  default Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    return Optional.empty();
  }

  /**
   * Records what the person answered in the client (MCP elicitation) to the challenge a call of this session got,
   * audited like every decision. Give {@link ConfirmationAnswer#APPROVED} only for an explicit approval by the person.
   * The result is {@link Decision#CONFIRM} with reason {@value #CONFIRMATION_APPROVED} when the challenge is now
   * approved: the transport then repeats exactly the same call with {@link ToolCall#confirmationId()} set (the core
   * checks that the approval is bound to that tool, those arguments and this lockfile, and uses it up). Any other
   * result is what the agent gets instead. Never throws.
   */
  default ToolCallOutcome answerConfirmation(String sessionId, String challengeId, ConfirmationAnswer answer) {
    return new ToolCallOutcome(Decision.DENY, "confirmation_unavailable",
        "Denied (confirmation_unavailable): this server does not take confirmations in the client", null, true, null);
  }
}
