package dev.cask.runtime.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that the tools call (the JDK's own server, not a mock library): it answers every
 * request with a small JSON echo of what it received, so tests can see exactly what reached the upstream.
 */
public final class EchoUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicInteger requests = new AtomicInteger();

  private EchoUpstream(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static EchoUpstream start() throws IOException {
    // Headers and body leave in two writes: without TCP_NODELAY, Nagle plus the client's delayed ACK adds ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService threads = Executors.newFixedThreadPool(
            32,
            task -> {
              Thread thread = new Thread(task, "upstream");
              thread.setDaemon(true);
              return thread;
            });
    EchoUpstream upstream = new EchoUpstream(server, threads);
    server.createContext("/", upstream::handle);
    server.setExecutor(threads);
    server.start();
    return upstream;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests reached the upstream. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body = exchange.getRequestBody().readAllBytes();
    ObjectNode echo = JSON.createObjectNode();
    echo.put("method", exchange.getRequestMethod());
    echo.put("path", exchange.getRequestURI().getRawPath());
    echo.put("query", exchange.getRequestURI().getRawQuery());
    echo.put("body", new String(body, StandardCharsets.UTF_8));
    byte[] answer = JSON.writeValueAsBytes(echo);
    int status = "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** Runs an upstream until killed (for the benchmark scripts); prints its base URL on stdout. */
  public static void main(String[] args) throws Exception {
    EchoUpstream upstream = start();
    System.out.println(upstream.baseUrl());
    System.out.flush();
    Thread.currentThread().join();
  }
}
