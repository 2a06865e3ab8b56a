package dev.cask.runtime.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback address (the JDK's {@code com.sun.net.httpserver}), standing in for an upstream API:
 * it records every request it receives (method, raw URI, headers, body) and answers from handlers the test sets.
 */
public final class LocalUpstream implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: ~40 ms a call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One request as the server saw it. */
  public record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What to answer. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public static Reply json(int status, String json) {
      return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply redirect(int status, String location) {
      return new Reply(status, Map.of("Location", location), new byte[0]);
    }
  }

  /** Decides the reply for a request. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Received request);
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final Map<String, Handler> handlers = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Handler fallback = request -> Reply.json(200, "{\"ok\":true}");
  private volatile boolean record = true;

  private LocalUpstream(String address, int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 256);
    executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "local-upstream");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** A server on 127.0.0.1. */
  public static LocalUpstream start() throws IOException {
    return new LocalUpstream("127.0.0.1", 8);
  }

  /** A server on another loopback address (e.g. 127.0.0.2, a "canary" that must never be reached). */
  public static LocalUpstream startOn(String address) throws IOException {
    return new LocalUpstream(address, 4);
  }

  public static LocalUpstream start(int threads) throws IOException {
    return new LocalUpstream("127.0.0.1", threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  /** Answers requests whose raw path starts with {@code prefix}. */
  public void on(String prefix, Handler handler) {
    handlers.put(prefix, handler);
  }

  public void otherwise(Handler handler) {
    this.fallback = handler;
  }

  /** Stops recording request details (the count goes on): for load tests. */
  public void recordRequests(boolean value) {
    this.record = value;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public Received last() {
    List<Received> all = received();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  public int count() {
    return count.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
      Received request =
          new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers, body);
      count.incrementAndGet();
      if (record) {
        received.add(request);
      }
      Handler handler = fallback;
      String longest = "";
      for (Map.Entry<String, Handler> entry : handlers.entrySet()) {
        if (request.rawPath().startsWith(entry.getKey()) && entry.getKey().length() > longest.length()) {
          longest = entry.getKey();
          handler = entry.getValue();
        }
      }
      Reply reply = handler.handle(request);
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      if (reply.body().length == 0) {
        exchange.sendResponseHeaders(reply.status(), -1);
      } else {
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
