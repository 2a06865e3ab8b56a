package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.GovernedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The client end of an in-process stdio server: JSON-RPC lines over pipes, any number of requests in flight, and
 * answers to the server's own requests (elicitation) from a handler the test sets.
 */
final class StdioPeer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final PipedOutputStream toServer;
  private final Thread serving;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  /** Messages without a pending id: errors for malformed lines ({@code id: null}), notifications. */
  final BlockingQueue<JsonNode> unsolicited = new LinkedBlockingQueue<>();
  /** Every request the server sent to this client. */
  final List<JsonNode> serverRequests = new CopyOnWriteArrayList<>();
  /** Answers the server's requests: the {@code result} for a request, or null to answer with an error. */
  volatile Function<JsonNode, JsonNode> onServerRequest = request -> null;

  StdioPeer(GovernedServer server) {
    try {
      toServer = new PipedOutputStream();
      PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
      PipedOutputStream serverOut = new PipedOutputStream();
      PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 20);
      serving = new Thread(() -> server.serveStdio(serverIn, serverOut), "stdio-server");
      serving.start();
      Thread reader = new Thread(() -> read(fromServer), "stdio-peer-reader");
      reader.setDaemon(true);
      reader.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Initializes the session, declaring the given client capabilities. */
  StdioPeer initialize(String capabilitiesJson) {
    JsonNode answer = request("initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":" + capabilitiesJson
        + ",\"clientInfo\":{\"name\":\"stdio-peer\",\"version\":\"1\"}}").join();
    if (!answer.has("result")) {
      throw new IllegalStateException("initialize failed: " + answer);
    }
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return this;
  }

  CompletableFuture<JsonNode> request(String method, String paramsJson) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    pending.put(id, future);
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
        + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}");
    return future.orTimeout(60, TimeUnit.SECONDS);
  }

  /** A {@code tools/call} and its result (or error) object. */
  JsonNode call(String tool, String argumentsJson) {
    return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}").join();
  }

  synchronized void send(String line) {
    try {
      toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(PipedInputStream fromServer) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode message = JSON.readTree(line);
        if (message.has("method") && message.has("id")) {
          serverRequests.add(message);
          answer(message);
        } else if (message.path("id").isInt() && pending.containsKey(message.get("id").asInt())) {
          pending.remove(message.get("id").asInt()).complete(message);
        } else {
          unsolicited.add(message);
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  private void answer(JsonNode request) {
    JsonNode result = onServerRequest.apply(request);
    ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
    response.set("id", request.get("id"));
    if (result == null) {
      response.putObject("error").put("code", -32601).put("message", "not supported by this test client");
    } else {
      response.set("result", result);
    }
    send(response.toString());
  }

  /** Closes the server's input and waits until it has stopped serving. */
  @Override
  public void close() throws Exception {
    toServer.close();
    serving.join(30_000);
    if (serving.isAlive()) {
      throw new AssertionError("serveStdio did not return after the input ended");
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
