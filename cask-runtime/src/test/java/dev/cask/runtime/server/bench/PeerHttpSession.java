package dev.cask.runtime.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.testing.McpHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One MCP session with the Node peer's Streamable HTTP transport ({@code @ivotoby/openapi-mcp-server --transport
 * http}), as the benchmark's calls need it. The peer answers {@code initialize} and {@code tools/list} in the POST's
 * body, but any other request with {@code 202 Accepted} and the answer later on the session's GET event stream; so a
 * call here is the POST, then the {@code data:} event with its id. Ids are unique for the session's life (the peer
 * routes answers by id alone).
 */
final class PeerHttpSession implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI mcp;
  private final String session;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(10);
  private final CompletableFuture<HttpResponse<Stream<String>>> events;

  private PeerHttpSession(HttpClient http, URI mcp, String session) {
    this.http = http;
    this.mcp = mcp;
    this.session = session;
    this.events = http.sendAsync(HttpRequest.newBuilder(mcp).header("Mcp-Session-Id", session)
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(this::readEvents, "peer-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** Initializes a session with the peer at {@code mcp}, retrying until it listens (at most 30 s). */
  static PeerHttpSession open(HttpClient http, URI mcp) throws Exception {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    for (int attempt = 0; attempt < 300; attempt++) {
      try {
        HttpResponse<String> answer = http.send(McpHttpClient.post(mcp, null, null, init), HttpResponse.BodyHandlers.ofString());
        String session = answer.headers().firstValue("Mcp-Session-Id")
            .orElseThrow(() -> new IllegalStateException("peer initialize: " + answer.statusCode() + " " + answer.body()));
        http.send(McpHttpClient.post(mcp, null, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
            HttpResponse.BodyHandlers.discarding());
        PeerHttpSession opened = new PeerHttpSession(http, mcp, session);
        // Node sends the event stream's headers with its first event, so nothing tells the client when the peer has
        // the stream; an answer sent before it has is lost. Setup, outside any measurement: give it a moment.
        Thread.sleep(500);
        return opened;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the peer did not answer initialize at " + mcp + " within 30 s");
  }

  /** One {@code tools/call} with {@code params}: true when answered with a result that is not an error. */
  boolean call(String params) throws Exception {
    long id = ids.getAndIncrement();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    HttpResponse<Void> accepted = http.send(McpHttpClient.post(mcp, null, session,
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":" + params + "}"),
        HttpResponse.BodyHandlers.discarding());
    if (accepted.statusCode() != 202) {
      pending.remove(id);
      return false;
    }
    JsonNode message = answer.get(10, TimeUnit.SECONDS);
    return message.has("result") && !message.at("/result/isError").asBoolean(false);
  }

  private void readEvents() {
    try (Stream<String> lines = events.get(30, TimeUnit.SECONDS).body()) {
      lines.filter(line -> line.startsWith("data:")).forEach(line -> {
        try {
          JsonNode message = JSON.readTree(line.substring(5).strip());
          CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asLong(-1));
          if (waiting != null) {
            waiting.complete(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("peer event is not JSON: " + line, e);
        }
      });
    } catch (Exception e) {
      pending.values().forEach(waiting -> waiting.completeExceptionally(e));
    }
  }

  @Override
  public void close() {
    events.thenAccept(response -> response.body().close());
  }
}
