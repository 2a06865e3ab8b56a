package dev.cask.runtime.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP session over Streamable HTTP with a bearer token (JSON-RPC over POST; an answer may come as JSON or as one
 * server-sent event): enough of a client for tests and benchmarks that call tools on many servers at once. Thread-safe.
 */
public final class McpHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private final URI endpoint;
  private final String token;
  private final String session;
  private final AtomicLong ids = new AtomicLong(10);

  private McpHttpClient(URI endpoint, String token, String session) {
    this.endpoint = endpoint;
    this.token = token;
    this.session = session;
  }

  /** Initializes a session with the server at {@code baseUrl} ({@code http://127.0.0.1:PORT}). */
  public static McpHttpClient connect(String baseUrl, String token) throws IOException, InterruptedException {
    URI endpoint = URI.create(baseUrl + "/mcp");
    HttpResponse<String> init = HTTP.send(bounded(endpoint, token, null,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"cask-test\",\"version\":\"1\"}}}"),
        HttpResponse.BodyHandlers.ofString());
    String session = init.headers().firstValue("Mcp-Session-Id")
        .orElseThrow(() -> new IOException("no session: " + init.statusCode() + " " + init.body()));
    HTTP.send(bounded(endpoint, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
        HttpResponse.BodyHandlers.ofString());
    return new McpHttpClient(endpoint, token, session);
  }

  /** {@code tools/call} with these params ({@code {"name":...,"arguments":{...}}}); returns the JSON-RPC result. */
  public JsonNode call(String params) throws IOException, InterruptedException {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"tools/call\",\"params\":"
        + params + "}";
    HttpResponse<String> response = HTTP.send(bounded(endpoint, token, session, body), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
    }
    JsonNode answer = JSON.readTree(payload(response.body()));
    if (!answer.has("result")) {
      throw new IOException("no result: " + answer);
    }
    return answer.get("result");
  }

  /** The reason code Cask put in a result's {@code _meta}. */
  public static String reason(JsonNode result) {
    return result.at("/_meta/dev.cask~1reason").asText();
  }

  private static String payload(String text) {
    if (text.startsWith("event:") || text.startsWith("data:") || text.startsWith("id:")) {
      return text.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElseThrow();
    }
    return text;
  }

  /** {@link #post} that gives up after 2 minutes, so that a test never hangs on a server that does not answer. */
  private static HttpRequest bounded(URI endpoint, String token, String session, String body) {
    return HttpRequest.newBuilder(post(endpoint, token, session, body), (name, value) -> true)
        .timeout(Duration.ofMinutes(2)).build();
  }

  /**
   * A Streamable HTTP {@code POST} of one JSON-RPC message as clients send it, with the bearer token (none when null)
   * and the session id (none when null); no timeout (the benchmarks send it in their measured loops).
   */
  public static HttpRequest post(URI endpoint, String token, String session, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request.build();
  }
}
