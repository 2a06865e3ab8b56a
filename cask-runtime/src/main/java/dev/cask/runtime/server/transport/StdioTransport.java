package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.spi.GovernedTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * MCP over stdio: one JSON-RPC message per line, on the SDK's {@link McpServerSession}. The line framing is Cask's
 * own (instead of the SDK's {@code StdioServerTransportProvider}) for measured reasons: the SDK's provider queues every
 * answer through a Reactor sink that concurrent answers contend on (busy-looping; a hand-over that fails ends the whole
 * session silently, and under load the server stopped answering), moves every message across two more threads, and
 * parses each line into a map and converts it again.
 *
 * <p>Here each line is parsed once ({@link JsonRpcLines}), checked against the MCP lifecycle ({@link StdioLifecycle})
 * and handed to the session; answers are written whole, under one lock, by the thread
 * that has them. Threads take turns as the reader (leader/follower): the thread that reads a {@code tools/call} hands
 * the reading to another thread of the pool and runs the call itself, so no call waits for a thread to wake up, and
 * many calls run at once. Other messages (initialize, list, ping, answers to elicitations) are handled by the reader
 * on the spot. stdout carries these lines and nothing else.
 *
 * <p>{@link #serve} returns when the client closes the input, which is how stdio clients end a session; calls still
 * running then finish (and are audited) first.
 */
public final class StdioTransport {
  /** The largest message accepted on stdin (a tools/call with a large body fits many times over). */
  static final int MAX_MESSAGE_BYTES = 16 << 20;

  /**
   * The largest message the official MCP TypeScript SDK's stdio client reads (its {@code ReadBuffer},
   * {@code STDIO_DEFAULT_MAX_BUFFER_SIZE} in 1.32.2): a longer line makes it close the connection, so a client built on
   * it never gets the list (nor the tool result).
   */
  static final int TYPESCRIPT_CLIENT_MAX_MESSAGE_BYTES = 10 << 20;

  /** Room for the JSON-RPC envelope around the list ({@code {"jsonrpc":"2.0","id":…,"result":…}} and the newline). */
  private static final int ENVELOPE_BYTES = 256;

  /** The most calls that run at once, reader included; more wait in line (a running call may wait on the upstream). */
  static final int MAX_THREADS = 64;

  private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

  private StdioTransport() {}

  /** Serves until {@code in} reaches its end; {@code out} receives only JSON-RPC messages. */
  public static void serve(GovernedTools tools, ServerInfo info, InputStream in, OutputStream out) {
    serve(tools, info, in, out, true);
  }

  /**
   * @param elicitation whether to ask persons in clients that support MCP elicitation (else confirmations are out of
   *     band only)
   */
  public static void serve(GovernedTools tools, ServerInfo info, InputStream in, OutputStream out, boolean elicitation) {
    serve(tools, CompletableFuture.completedFuture(info), in, out, elicitation, true);
  }

  /**
   * Serves a server that is still verifying: {@code initialize} is answered as soon as {@code info} is known, every
   * other question waits until {@code tools} are {@linkplain GovernedTools#ready ready} (the reader waits with it, so
   * the messages after it wait in line).
   *
   * @param outputSchemas whether listed tools carry their output schemas
   */
  public static void serve(GovernedTools tools, CompletableFuture<ServerInfo> info, InputStream in, OutputStream out,
      boolean elicitation, boolean outputSchemas) {
    ObjectMapper mapper = McpWire.mapper();
    McpJsonMapper json = McpWire.json(mapper);
    ThreadPoolExecutor pool = pool();
    Scheduler afterAnswer = Schedulers.fromExecutorService(pool, "cask-stdio");
    McpProtocol protocol = new McpProtocol(tools, info, mapper, afterAnswer, elicitation, outputSchemas);
    LineWriter writer = new LineWriter(out);
    Transport transport = new Transport(json, writer);
    String sessionId = UUID.randomUUID().toString();
    McpServerSession session =
        new McpServerSession(sessionId, McpProtocol.CLIENT_REQUEST_TIMEOUT, transport,
            request -> protocol.initialize(request, transport.protocolVersions()), protocol.requestHandlers(),
            protocol.notificationHandlers(), Mono::empty, null);
    tools.ready().thenRun(() -> LOG.info("serving {} tools over stdio", tools.listTools().size()));
    protocol.listedBytes().thenAccept(StdioTransport::warnIfClientsRefuse);
    ProtocolErrors errors = new ProtocolErrors(tools, mapper);
    Reader reader = new Reader(new JsonRpcLines(in, mapper, json, errors, sessionId, MAX_MESSAGE_BYTES),
        new StdioLifecycle(mapper, json, errors, sessionId), writer, session, pool);
    try {
      pool.execute(reader::read);
      reader.awaitEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("calls still running 30 s after the input ended");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      afterAnswer.dispose();
      session.close();
      writer.flushQuietly();
    }
  }

  /**
   * Reads messages and hands them to the session. Exactly one pool thread reads at a time; the hand-over through the
   * pool orders the reads, so the line reader needs no lock of its own.
   */
  private static final class Reader {
    private final JsonRpcLines lines;
    private final StdioLifecycle lifecycle;
    private final LineWriter writer;
    private final McpServerSession session;
    private final ThreadPoolExecutor pool;
    private final CountDownLatch ended = new CountDownLatch(1);

    Reader(JsonRpcLines lines, StdioLifecycle lifecycle, LineWriter writer, McpServerSession session,
        ThreadPoolExecutor pool) {
      this.lines = lines;
      this.lifecycle = lifecycle;
      this.writer = writer;
      this.session = session;
      this.pool = pool;
    }

    void read() {
      try {
        McpSchema.JSONRPCMessage message;
        while ((message = lines.next(writer)) != null) {
          if (!lifecycle.admit(message, writer)) {
            continue;
          }
          if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_TOOLS_CALL.equals(request.method())) {
            pool.execute(this::read); // another thread reads on; this one runs the call
            handle(message);
            return;
          }
          handle(message);
        }
      } catch (IOException e) {
        LOG.warn("stdin failed: {}", e.toString());
      } catch (RuntimeException e) {
        LOG.error("the stdio reader failed", e);
      }
      ended.countDown();
    }

    private void handle(McpSchema.JSONRPCMessage message) {
      session.handle(message).subscribe(null, error -> LOG.warn("a message could not be handled: {}", error.toString()));
    }

    void awaitEnd() throws InterruptedException {
      ended.await();
    }
  }

  /** Says on stderr, once the list is rendered, when the official TypeScript client would refuse its answer. */
  private static void warnIfClientsRefuse(int listBytes) {
    if (listBytes + ENVELOPE_BYTES > TYPESCRIPT_CLIENT_MAX_MESSAGE_BYTES) {
      LOG.warn("the tools/list answer holds {} bytes of tools: the official MCP TypeScript SDK's stdio client, and the"
              + " clients built on it, refuse a message over {} bytes (10 MiB) and close the connection. Fix: serve"
              + " fewer tools (--toolset, --tools), list them without output schemas (--no-output-schemas), or compile"
              + " fewer operations (cask.operations)", String.format(Locale.ROOT, "%,d", listBytes),
          String.format(Locale.ROOT, "%,d", TYPESCRIPT_CLIENT_MAX_MESSAGE_BYTES));
    }
  }

  /** Daemon threads, created as calls need them up to {@link #MAX_THREADS}, idle ones end after a minute. */
  private static ThreadPoolExecutor pool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "cask-stdio-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The session's side of the line protocol: answers and requests to the client, written whole. */
  private static final class Transport implements McpServerTransport {
    private final McpJsonMapper json;
    private final LineWriter writer;

    Transport(McpJsonMapper json, LineWriter writer) {
      this.json = json;
      this.writer = writer;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.fromRunnable(() -> {
        byte[] bytes = bytes(message);
        if (bytes.length > TYPESCRIPT_CLIENT_MAX_MESSAGE_BYTES && message instanceof McpSchema.JSONRPCResponse response
            && response.result() instanceof McpSchema.CallToolResult result) {
          bytes = bytes(tooLarge(response, result, bytes.length));
        }
        writer.writeLine(bytes);
      });
    }

    private byte[] bytes(McpSchema.JSONRPCMessage message) {
      try {
        return json.writeValueAsBytes(message);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write a JSON-RPC message", e);
      }
    }

    /**
     * A tool result too large for the official TypeScript client, which would close the connection on it (and lose
     * the session): an error result in its place that says why, with the decision's {@code _meta}. The call ran and
     * its audit record stands.
     */
    private static McpSchema.JSONRPCResponse tooLarge(McpSchema.JSONRPCResponse response,
        McpSchema.CallToolResult result, int bytes) {
      String size = String.format(Locale.ROOT, "%,d", bytes);
      LOG.warn("a tools/call answer of {} bytes was not sent: the official MCP TypeScript SDK's stdio client, and the"
          + " clients built on it, close the connection on a message over {} bytes; the client got an error result"
          + " instead", size, String.format(Locale.ROOT, "%,d", TYPESCRIPT_CLIENT_MAX_MESSAGE_BYTES));
      String text = "The result of this call is " + size + " bytes as a message, more than MCP clients built on the"
          + " official TypeScript SDK read over stdio (10 MiB): it was not sent, so that the session stays open. The"
          + " call itself ran. Ask for less at a time (a narrower query, fewer items per page).";
      return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(),
          new McpSchema.CallToolResult(List.of(new McpSchema.TextContent(text)), true, null, result.meta()),
          null);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.fromRunnable(writer::flushQuietly);
    }
  }

  /**
   * Writes whole lines to stdout, one at a time: each line is one {@code write} of the buffered bytes, so answers of
   * concurrent calls never interleave. Jackson's compact output never contains a raw line break (control characters in
   * strings are escaped), so a message is always exactly one line.
   */
  static final class LineWriter {
    private final OutputStream out;
    private boolean broken;

    LineWriter(OutputStream out) {
      this.out = new BufferedOutputStream(out, 1 << 16);
    }

    synchronized void writeLine(byte[] line) {
      if (broken) {
        return;
      }
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        broken = true; // the client is gone: it will not read anything any more
        LOG.warn("stdout closed: {}", e.toString());
      }
    }

    synchronized void flushQuietly() {
      try {
        out.flush();
      } catch (IOException e) {
        // the client is gone
      }
    }
  }
}
