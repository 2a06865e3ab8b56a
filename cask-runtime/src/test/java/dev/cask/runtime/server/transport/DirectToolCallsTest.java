package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SpiContractTools;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/call} over Streamable HTTP answered with one JSON body, on real Jetty with a real HTTP client: the
 * bytes on the wire, the session the core is told, and the cases that stay with the SDK's event stream.
 */
class DirectToolCallsTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef-direct-calls";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String GET_REPO =
      "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello world\"}}";

  @TempDir static Path state;

  private static EchoUpstream upstream;
  private static Recording tools;
  /** Asks persons in clients that declare elicitation: such a client's calls keep the SDK's event stream. */
  private static HttpTransport transport;

  @BeforeAll
  static void start() throws Exception {
    upstream = EchoUpstream.start();
    tools = new Recording(new SpiContractTools(TestToolpacks.tools(upstream.baseUrl(), 2), state, false));
    transport = GovernedServer.of(tools, "test-api", "1.0").withElicitation()
        .startHttp(new HttpSettings("127.0.0.1", 0, TOKEN, List.of(), List.of()));
  }

  @AfterAll
  static void stop() {
    transport.close();
    upstream.close();
  }

  @Test
  void aCallIsAnsweredWithOneJsonBodyCarryingTheRequestsIdAsSent() throws Exception {
    String session = initialize("{}");
    int before = upstream.requests();

    HttpResponse<String> byString = post(session, call("\"call-7\"", GET_REPO));
    HttpResponse<String> byNumber = post(session, call("8", GET_REPO));

    assertThat(byString.statusCode()).isEqualTo(200);
    assertThat(byString.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(byString.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"call-7\",\"result\":{");
    assertThat(byNumber.body()).startsWith("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{");
    JsonNode result = JSON.readTree(byString.body()).get("result");
    assertThat(result.get("isError").asBoolean()).isFalse();
    assertThat(result.at("/structuredContent/path").asText()).isEqualTo("/repos/octo/hello%20world");
    assertThat(upstream.requests()).isEqualTo(before + 2);
    assertThat(tools.sessionsOfCalls()).contains(session);
  }

  @Test
  void theAnswerIsTheOneTheSdksEventStreamCarries() throws Exception {
    // The same call, once in a session whose client declares elicitation (the SDK's session answers it as an event)
    // and once in one that does not (answered here): the same JSON-RPC message.
    HttpResponse<String> streamed = post(initialize("{\"elicitation\":{}}"), call("5", GET_REPO));
    HttpResponse<String> direct = post(initialize("{}"), call("5", GET_REPO));

    assertThat(streamed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    assertThat(direct.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(direct.body()).isEqualTo(eventData(streamed.body()));
  }

  @Test
  void aCallTheCoreCannotReadIsRefusedByTheCoreWithTheSameAnswer() throws Exception {
    String session = initialize("{}");
    HttpResponse<String> noName = post(session, call("9", "{\"arguments\":{}}"));

    assertThat(noName.statusCode()).isEqualTo(200);
    JsonNode result = JSON.readTree(noName.body()).get("result");
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/_meta/dev.cask~1reason").asText()).isEqualTo("invalid_request");
    assertThat(tools.refusals()).contains(session + ": a tools/call needs params.name, the tool's name as a string");
  }

  @Test
  void aDeletedSessionTakesNoMoreCalls() throws Exception {
    String session = initialize("{}");
    assertThat(post(session, call("1", GET_REPO)).statusCode()).isEqualTo(200);
    HttpResponse<String> deleted = CLIENT.send(
        request(session).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(200);
    int before = upstream.requests();

    HttpResponse<String> after = post(session, call("2", GET_REPO));

    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(after.body()).isEqualTo(
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}");
    assertThat(upstream.requests()).isEqualTo(before);
  }

  @Test
  void anUnknownSessionIsNotFoundAndCallsNothing() throws Exception {
    int before = upstream.requests();
    HttpResponse<String> response = post("no-such-session", call("3", GET_REPO));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/error/code").asInt()).isEqualTo(-32001);
    assertThat(upstream.requests()).isEqualTo(before);
  }

  private static String call(String id, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":" + params + "}";
  }

  /** A new session whose client declares these capabilities; returns its id. */
  private static String initialize(String capabilities) throws Exception {
    HttpResponse<String> init = post(null,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return session;
  }

  private static HttpResponse<String> post(String session, String body) throws Exception {
    return CLIENT.send(request(session).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String session) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + transport.port() + HttpTransport.MCP_PATH))
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", "Bearer " + TOKEN);
    return session == null ? request : request.header("Mcp-Session-Id", session);
  }

  private static String eventData(String stream) {
    return stream.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElseThrow();
  }

  /** The contract tools, remembering which session each call and refusal named. */
  private static final class Recording implements GovernedTools {
    private final GovernedTools tools;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    Recording(GovernedTools tools) {
      this.tools = tools;
    }

    List<String> sessionsOfCalls() {
      return calls;
    }

    List<String> refusals() {
      return refusals;
    }

    @Override
    public List<ToolDefinition> listTools() {
      return tools.listTools();
    }

    @Override
    public ToolCallOutcome call(ToolCall call) {
      calls.add(call.sessionId());
      return tools.call(call);
    }

    @Override
    public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
      refusals.add(sessionId + ": " + problem);
      return tools.refuse(sessionId, tool, problem);
    }
  }
}
