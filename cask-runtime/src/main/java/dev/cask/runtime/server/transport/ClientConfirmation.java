package dev.cask.runtime.server.transport;

import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.ConfirmationPrompt;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Asks the person in the client whether exactly this call may run (MCP elicitation, form mode), when the client
 * declared the capability and the core issued a challenge that still waits. The prompt shows the tool and the exact
 * request the core summarized (redacted), and asks for an explicit tick: only an accepted form with
 * {@value #APPROVE}{@code = true} approves; an unticked form or a decline voids the challenge; a dismissed prompt, a
 * client error or no answer before the challenge expires leaves it waiting for {@code confirm}. The core records the
 * answer (audited) and, after an approval, the same call runs once with the challenge: the core checks the approval
 * is bound to that tool, those arguments and this lockfile.
 */
final class ClientConfirmation {
  /** The one form field: a boolean the person must tick. A client that fills in defaults sends {@code false}. */
  static final String APPROVE = "approve";
  /**
   * The most prompts waiting for persons at once. Over HTTP each waiting call holds its request's thread (the SDK's
   * servlet waits for the result), and the answer needs another one: without a bound, a client that never answers
   * could tie up every thread. Beyond it, the agent gets the challenge for the out-of-band {@code confirm}.
   */
  static final int MAX_WAITING = 16;

  private static final Logger LOG = LoggerFactory.getLogger(ClientConfirmation.class);
  private static final Duration LONGEST_WAIT = McpProtocol.CLIENT_REQUEST_TIMEOUT.minusMinutes(1);
  private static final Map<String, Object> FORM = form();

  private final GovernedTools tools;
  private final Scheduler afterAnswer;
  private final Semaphore waiting = new Semaphore(MAX_WAITING);

  /** @param afterAnswer where the answer is recorded and the approved call runs (a thread that may block) */
  ClientConfirmation(GovernedTools tools, Scheduler afterAnswer) {
    this.tools = tools;
    this.afterAnswer = afterAnswer;
  }

  /** Whether the client declared form elicitation ({@code elicitation: {}} means form, as the spec says). */
  static boolean supported(McpAsyncServerExchange exchange) {
    return supported(exchange.getClientCapabilities());
  }

  /** The same, for the capabilities a client sent with {@code initialize}. */
  static boolean supported(McpSchema.ClientCapabilities capabilities) {
    if (capabilities == null || capabilities.elicitation() == null) {
      return false;
    }
    McpSchema.ClientCapabilities.Elicitation elicitation = capabilities.elicitation();
    return elicitation.form() != null || elicitation.url() == null;
  }

  /** Asks about the challenge of {@code challenge} and returns what the agent gets: the call's result or why not. */
  Mono<ToolCallOutcome> ask(McpAsyncServerExchange exchange, ToolCall call, ToolCallOutcome challenge) {
    String id = challenge.challengeId();
    Optional<ConfirmationPrompt> prompt = tools.describeConfirmation(id);
    if (prompt.isEmpty()) {
      return Mono.just(challenge); // approved already, used, declined or expired: nothing to ask
    }
    Duration wait = remaining(prompt.get().expiresAt());
    if (wait.isZero()) {
      return Mono.just(challenge);
    }
    if (!waiting.tryAcquire()) {
      LOG.warn("{} confirmation prompts are waiting already: challenge {} goes to the agent for confirm", MAX_WAITING, id);
      return Mono.just(challenge);
    }
    return exchange.createElicitation(McpSchema.ElicitFormRequest.builder(message(prompt.get()), FORM).build())
        .timeout(wait)
        .map(ClientConfirmation::answerOf)
        .defaultIfEmpty(ConfirmationAnswer.UNANSWERED)
        .onErrorResume(e -> {
          LOG.warn("no answer to the confirmation prompt for challenge {}: {}", id, e.toString());
          return Mono.just(ConfirmationAnswer.UNANSWERED);
        })
        .doFinally(signal -> waiting.release())
        .publishOn(afterAnswer)
        .map(answer -> {
          ToolCallOutcome recorded = tools.answerConfirmation(call.sessionId(), id, answer);
          boolean approved = answer == ConfirmationAnswer.APPROVED && recorded.decision() == Decision.CONFIRM
              && GovernedTools.CONFIRMATION_APPROVED.equals(recorded.reasonCode());
          return approved ? tools.call(call.withConfirmation(id)) : recorded;
        });
  }

  static ConfirmationAnswer answerOf(ElicitResult result) {
    if (result.action() == ElicitResult.Action.ACCEPT) {
      Object approve = result.content() == null ? null : result.content().get(APPROVE);
      return Boolean.TRUE.equals(approve) ? ConfirmationAnswer.APPROVED : ConfirmationAnswer.DECLINED;
    }
    return result.action() == ElicitResult.Action.DECLINE ? ConfirmationAnswer.DECLINED : ConfirmationAnswer.UNANSWERED;
  }

  static String message(ConfirmationPrompt prompt) {
    return "Confirm one call of the tool '" + prompt.tool() + "'. The policy requires a person's approval.\n\n"
        + "It sends exactly this request:\n\n" + prompt.summary().strip() + "\n\n"
        + "Tick \"" + APPROVE + "\" and accept to run it once; decline to refuse it. (Challenge " + prompt.challengeId()
        + ", expires " + prompt.expiresAt() + ".)";
  }

  private static Duration remaining(String expiresAt) {
    try {
      Duration left = Duration.between(Instant.now(), Instant.parse(expiresAt));
      if (left.isNegative() || left.isZero()) {
        return Duration.ZERO;
      }
      return left.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : left;
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
  }

  private static Map<String, Object> form() {
    Map<String, Object> approve = new LinkedHashMap<>();
    approve.put("type", "boolean");
    approve.put("title", "Run exactly this request once");
    approve.put("description", "Tick to approve this one call with these exact arguments; leave it unticked to refuse it.");
    approve.put("default", false);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of(APPROVE, approve));
    schema.put("required", List.of(APPROVE));
    return schema;
  }
}
