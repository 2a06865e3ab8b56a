package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Every {@code tools/call}, whatever it names, goes to the governed core: a readable call to
 * {@link GovernedTools#call}, anything else (params not an object, no tool name, a name that is not a string) to
 * {@link GovernedTools#refuse}. Both are audited by the core, and an unknown tool gets the same answer whether it
 * never existed or was not approved. When the core asks for a person's confirmation and the client declared the
 * elicitation capability, {@link ClientConfirmation} asks the person in the client, and the answer goes back to the
 * core; after an approval the exact same call (same arguments object) runs once, redeeming the challenge.
 */
final class ToolCallHandler implements McpRequestHandler<CallToolResult> {
  private final GovernedTools tools;
  private final McpTools conversion;
  private final ObjectMapper mapper;
  private final ClientConfirmation confirmation;

  /**
   * The core runs on the thread that handles the request: each transport gives every {@code tools/call} a thread of its
   * own (a Jetty thread per HTTP request; on stdio, the thread that read the call, while another one reads on).
   *
   * @param afterAnswer where a call goes on after an elicitation answer (a thread that may block), or null to never ask
   *     persons in the client
   */
  ToolCallHandler(GovernedTools tools, McpTools conversion, ObjectMapper mapper, Scheduler afterAnswer) {
    this.tools = tools;
    this.conversion = conversion;
    this.mapper = mapper;
    this.confirmation = afterAnswer == null ? null : new ClientConfirmation(tools, afterAnswer);
  }

  @Override
  public Mono<CallToolResult> handle(McpAsyncServerExchange exchange, Object params) {
    String session = sessionOf(exchange);
    Read read = read(session, params);
    Mono<ToolCallOutcome> outcome = Mono.fromCallable(read::decide);
    if (confirmation != null && read.call != null && ClientConfirmation.supported(exchange)) {
      outcome = outcome.flatMap(first -> needsPerson(first) ? confirmation.ask(exchange, read.call, first) : Mono.just(first));
    }
    return outcome.map(conversion::toResult);
  }

  /** The answer to a call in {@code session} when no person is asked in the client: the core's outcome as it is. */
  CallToolResult answer(String session, Object params) {
    return conversion.toResult(read(session, params).decide());
  }

  /** A {@code tools/call} sent as a notification: nothing is answered, but the core refuses it and audits that. */
  Mono<Void> refuseNotification(McpAsyncServerExchange exchange, Object params) {
    String session = sessionOf(exchange);
    Read read = read(session, params);
    String tool = read.call != null ? read.call.tool() : read.tool;
    return Mono.fromRunnable(() -> tools.refuse(session, tool, "a tools/call must be a request with an id, not a notification"));
  }

  /** A challenge was issued or is still waiting (the core says which ones a person can still answer). */
  private static boolean needsPerson(ToolCallOutcome outcome) {
    return outcome.decision() == Decision.CONFIRM && outcome.challengeId() != null;
  }

  private static String sessionOf(McpAsyncServerExchange exchange) {
    return exchange.sessionId() == null ? "stdio" : exchange.sessionId();
  }

  /** The call as the agent sent it, read without judging it (the core judges): arguments are passed on untouched. */
  private Read read(String session, Object params) {
    JsonNode node = params instanceof JsonNode tree ? tree : params == null ? null : mapper.valueToTree(params);
    if (node == null || !node.isObject()) {
      return new Read(session, null, "", "the params of a tools/call must be an object");
    }
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual()) {
      return new Read(session, null, "", "a tools/call needs params.name, the tool's name as a string");
    }
    JsonNode arguments = node.get("arguments");
    JsonNode dryRun = node.path("_meta").path(McpTools.META_DRY_RUN);
    return new Read(session, new ToolCall(session, name.textValue(), arguments, dryRun.isBoolean() && dryRun.booleanValue()),
        name.textValue(), null);
  }

  /** Either a readable call, or what the core is told about a request that is not one. */
  private final class Read {
    final String session;
    final ToolCall call;
    final String tool;
    final String problem;

    Read(String session, ToolCall call, String tool, String problem) {
      this.session = session;
      this.call = call;
      this.tool = tool;
      this.problem = problem;
    }

    ToolCallOutcome decide() {
      return call != null ? tools.call(call) : tools.refuse(session, tool, problem);
    }
  }
}
