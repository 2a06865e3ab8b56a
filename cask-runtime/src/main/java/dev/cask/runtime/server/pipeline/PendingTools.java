package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.ConfirmationPrompt;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.NotVerifiedException;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The governed tools of a server that is still verifying: a transport can start (and answer {@code initialize}) at
 * once, while every question about a tool ({@code tools/list}, {@code tools/call}, confirmations) waits until the core
 * built from the verified toolpack is {@link #verified here}. When verification fails nothing is ever answered from
 * here: each waiting question fails with {@link NotVerifiedException} (the caller cuts the transport's output off
 * first, see {@code serve}).
 */
public final class PendingTools implements GovernedTools {
  private final CompletableFuture<GovernedTools> core = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = core.thenApply(tools -> null);

  /** Every question waits no longer: {@code tools} is the core of the verified toolpack. */
  public void verified(GovernedTools tools) {
    core.complete(tools);
  }

  /** Verification failed: no question is ever answered. */
  public void failed() {
    core.completeExceptionally(new NotVerifiedException());
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  private GovernedTools await() {
    try {
      return core.join();
    } catch (CompletionException e) {
      throw new NotVerifiedException();
    }
  }

  @Override
  public List<ToolDefinition> listTools() {
    return await().listTools();
  }

  @Override
  public ToolCallOutcome call(ToolCall call) {
    return await().call(call);
  }

  @Override
  public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
    return await().refuse(sessionId, tool, problem);
  }

  @Override
  public JsonNode advertisedInputSchema(ToolDefinition tool) {
    return await().advertisedInputSchema(tool);
  }

  @Override
  public Optional<ConfirmationPrompt> describeConfirmation(String challengeId) {
    return await().describeConfirmation(challengeId);
  }

  @Override
  public ToolCallOutcome answerConfirmation(String sessionId, String challengeId, ConfirmationAnswer answer) {
    return await().answerConfirmation(sessionId, challengeId, answer);
  }
}
