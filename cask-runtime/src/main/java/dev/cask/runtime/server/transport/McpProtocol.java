package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.NotVerifiedException;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.InitializeRequest;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Cask's MCP server, on the SDK's session layer. The SDK still does everything protocol-shaped: JSON-RPC framing and
 * ids, sessions, Streamable HTTP and its SSE streams, requests from server to client (elicitation) and their answers
 * ({@code McpServerSession}, {@code McpStreamableServerSession}). Cask answers the requests themselves, with these
 * handlers, instead of the SDK's {@code McpSyncServer}, because that server answers a {@code tools/call} for an unknown
 * tool, or one whose params it cannot read, with a JSON-RPC error of its own: the governed core never sees the call
 * and no audit record is written. Here every {@code tools/call} goes to {@link ToolCallHandler} and from there to the
 * core, whatever it names. (The SDK server also looked tools up by scanning a list, converted params twice and moved
 * every call to another thread; those per-call costs go with it.)
 *
 * <p>Methods: {@code initialize}, {@code ping}, {@code tools/list}, {@code tools/call}, {@code logging/setLevel};
 * anything else is answered "method not found" by the session.
 */
final class McpProtocol {
  /**
   * How long the session waits for a client's answer to a request from the server (an elicitation waits for a person);
   * each confirmation prompt is bounded by its challenge's expiry as well.
   */
  static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(McpProtocol.class);
  private static final McpSchema.ServerCapabilities CAPABILITIES =
      McpSchema.ServerCapabilities.builder().tools(false).logging().build();

  private final CompletableFuture<ServerInfo> info;
  private final ObjectMapper mapper;
  private final McpTools conversion;
  private final ToolCallHandler calls;
  /** The {@code tools/list} result as JSON, rendered once in the background from construction on. */
  private final CompletableFuture<RawValue> listing;

  /**
   * @param afterAnswer where a call goes on after the client answered a confirmation prompt: the answer arrives on the
   *     thread that reads the client (the stdio reader, another HTTP request), and what follows (recording the answer,
   *     the call itself) may block
   * @param elicitation whether to ask the person in the client (MCP elicitation) when a call needs a confirmation and
   *     the client declares the capability
   */
  McpProtocol(GovernedTools tools, ServerInfo info, ObjectMapper mapper, Scheduler afterAnswer,
      boolean elicitation) {
    this(tools, CompletableFuture.completedFuture(info), mapper, afterAnswer, elicitation, true);
  }

  /**
   * A server that starts while it verifies: {@code initialize} is answered once {@code info} is known, and the list is
   * rendered (and {@code tools/list} answered) only once the tools are {@linkplain GovernedTools#ready ready}.
   */
  McpProtocol(GovernedTools tools, CompletableFuture<ServerInfo> info, ObjectMapper mapper, Scheduler afterAnswer,
      boolean elicitation, boolean outputSchemas) {
    this.info = info;
    this.mapper = mapper;
    this.conversion = new McpTools(tools, mapper, outputSchemas);
    this.calls = new ToolCallHandler(tools, conversion, mapper, elicitation ? afterAnswer : null);
    // A client that starts the server sends initialize and tools/list at once: the list (13 MB of JSON for GitHub's
    // tools) is rendered while the session starts and initialize is answered, then written as prepared bytes.
    this.listing = tools.ready().thenApplyAsync(ready -> render());
  }

  /** The size of the prepared {@code tools/list} result ({@code {"tools":[…]}}) in bytes, once it is rendered. */
  CompletableFuture<Integer> listedBytes() {
    return listing.thenApply(list -> ((Rendered) list.rawValue()).utf8.length);
  }

  /** The answer to {@code initialize}: the client's protocol version if supported, else the newest one. */
  Mono<InitializeResult> initialize(InitializeRequest request, List<String> protocolVersions) {
    String version = protocolVersions.contains(request.protocolVersion())
        ? request.protocolVersion()
        : protocolVersions.get(protocolVersions.size() - 1);
    LOG.debug("initialize from {} (protocol {})", request.clientInfo(), version);
    return Mono.fromSupplier(() -> {
      ServerInfo server = info.join();
      return new InitializeResult(version, CAPABILITIES, new McpSchema.Implementation(server.name(), server.version()),
          server.instructions());
    });
  }

  Map<String, McpRequestHandler<?>> requestHandlers() {
    McpRequestHandler<Object> ping = (exchange, params) -> Mono.just(Map.of());
    McpRequestHandler<Object> list = (exchange, params) -> Mono.fromSupplier(listing::join);
    McpRequestHandler<Object> setLevel = (exchange, params) -> Mono.fromSupplier(() -> {
      // Read to refuse an invalid level (the SDK's record would make an unknown level "info"); Cask sends no log
      // messages to clients, so there is nothing to filter.
      JsonNode level = params == null ? null : mapper.valueToTree(params).get("level");
      if (level == null || !level.isTextual() || McpSchema.LoggingLevel.fromValue(level.textValue()) == null) {
        throw McpError.builder(ProtocolErrors.INVALID_PARAMS)
            .message("Invalid params: level must be one of debug, info, notice, warning, error, critical, alert, emergency")
            .build();
      }
      return Map.of();
    });
    return Map.of(
        McpSchema.METHOD_PING, guarded(McpSchema.METHOD_PING, ping),
        McpSchema.METHOD_TOOLS_LIST, guarded(McpSchema.METHOD_TOOLS_LIST, list),
        McpSchema.METHOD_TOOLS_CALL, guarded(McpSchema.METHOD_TOOLS_CALL, calls),
        McpSchema.METHOD_LOGGING_SET_LEVEL, guarded(McpSchema.METHOD_LOGGING_SET_LEVEL, setLevel));
  }

  /**
   * A handler whose failures reach the client as a JSON-RPC error with a fixed text: the SDK would otherwise put the
   * exception's message and its class names (and its causes') into the error it answers.
   */
  private static <T> McpRequestHandler<T> guarded(String method, McpRequestHandler<T> handler) {
    return (exchange, params) -> {
      Mono<T> answer;
      try {
        answer = handler.handle(exchange, params);
      } catch (RuntimeException e) {
        answer = Mono.error(e);
      }
      return answer.onErrorMap(e -> !(e instanceof McpError), e -> internalError(method, e));
    };
  }

  /** The fixed error a failure becomes, logged unless verification failed (then the server is stopping anyway). */
  private static McpError internalError(String method, Throwable e) {
    if (!(e instanceof NotVerifiedException || e.getCause() instanceof NotVerifiedException)) {
      LOG.error("internal error while answering {}", method, e);
    }
    return McpError.builder(ProtocolErrors.INTERNAL_ERROR).message("Internal error").build();
  }

  /**
   * A {@code tools/call} answered outside the SDK's session ({@link DirectToolCalls}): the same handler, without asking
   * the client anything, and failures made the same fixed error.
   *
   * @throws McpError the JSON-RPC error to answer
   */
  McpSchema.CallToolResult call(String session, JsonNode params) {
    try {
      return calls.answer(session, params);
    } catch (McpError e) {
      throw e;
    } catch (RuntimeException e) {
      throw internalError(McpSchema.METHOD_TOOLS_CALL, e);
    }
  }

  Map<String, McpNotificationHandler> notificationHandlers() {
    McpNotificationHandler ignore = (exchange, params) -> Mono.empty();
    return Map.of(
        McpSchema.METHOD_NOTIFICATION_INITIALIZED, ignore,
        McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, ignore,
        "notifications/cancelled", ignore,
        // A tools/call sent as a notification (no id) expects no answer, but it is still a call the core refuses and
        // audits.
        McpSchema.METHOD_TOOLS_CALL, calls::refuseNotification);
  }

  /**
   * The approved tools as MCP tools, serialized by the wire mapper exactly as the SDK's {@code ListToolsResult} always
   * was ({@link McpTools#listResultJson}); every {@code tools/list} answer embeds these bytes as they are.
   */
  private RawValue render() {
    return new RawValue(new Rendered(conversion.listResultJson()));
  }

  /**
   * JSON rendered once, kept as UTF-8 bytes: UTF-8 generators (stdio) copy the bytes as they are; a character-based
   * writer (an answer written as text) gets them decoded on first use, and only then.
   */
  static final class Rendered implements SerializableString {
    private final byte[] utf8;
    private volatile SerializedString text;

    Rendered(byte[] utf8) {
      this.utf8 = utf8;
    }

    private SerializedString text() {
      SerializedString decoded = text;
      if (decoded == null) {
        decoded = new SerializedString(new String(utf8, StandardCharsets.UTF_8));
        text = decoded;
      }
      return decoded;
    }

    @Override
    public String getValue() {
      return text().getValue();
    }

    @Override
    public int charLength() {
      return text().charLength();
    }

    @Override
    public char[] asQuotedChars() {
      return text().asQuotedChars();
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return utf8; // like SerializedString's cached array: callers only read it
    }

    @Override
    public byte[] asQuotedUTF8() {
      return text().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      return text().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      return text().appendQuoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      if (offset + utf8.length > buffer.length) {
        return -1;
      }
      System.arraycopy(utf8, 0, buffer, offset, utf8.length);
      return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      return text().appendUnquoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
      return text().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
      return text().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) throws IOException {
      if (utf8.length > buffer.remaining()) {
        return -1;
      }
      buffer.put(utf8);
      return utf8.length;
    }
  }
}
