package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SpiContractTools;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Streamable HTTP transport on real Jetty, spoken to with a real HTTP client and raw sockets. */
class HttpTransportTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef-test-token";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path state;

  private static EchoUpstream upstream;
  private static HttpTransport transport;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = EchoUpstream.start();
    GovernedServer server =
        GovernedServer.of(
            new SpiContractTools(TestToolpacks.tools(upstream.baseUrl(), 2), state, false), "test-api", "1.0");
    transport = server.startHttp(new HttpSettings("127.0.0.1", 0, TOKEN, List.of(), List.of()));
  }

  @AfterAll
  static void stop() {
    transport.close();
    upstream.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + transport.port() + path);
  }

  private static HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(uri(HttpTransport.MCP_PATH))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(HttpTransport.HEALTH_PATH)).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void requestWithoutTokenIsUnauthorized() throws Exception {
    HttpResponse<String> response = send(post(INITIALIZE).build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"cask\"");
  }

  @Test
  void wrongOrBadlyFormedTokensAreUnauthorized() throws Exception {
    for (String header :
        List.of("Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN, "Bearer ", "bearer")) {
      assertThat(send(post(INITIALIZE).header("Authorization", header).build()).statusCode())
          .as(header)
          .isEqualTo(401);
    }
  }

  @Test
  void foreignOriginIsForbiddenEvenWithTheToken() throws Exception {
    HttpResponse<String> response =
        send(post(INITIALIZE).header("Authorization", "Bearer " + TOKEN).header("Origin", "http://evil.example").build());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void foreignOriginIsCheckedBeforeTheToken() throws Exception {
    assertThat(send(post(INITIALIZE).header("Origin", "http://evil.example").build()).statusCode()).isEqualTo(403);
  }

  @Test
  void reboundHostNameIsMisdirected() throws Exception {
    // java.net.http will not send a forged Host header, so speak HTTP/1.1 over a socket, as a rebinding page would.
    String status = rawStatus("POST", HttpTransport.MCP_PATH, "attacker.example:" + transport.port(), TOKEN);
    assertThat(status).startsWith("HTTP/1.1 421");
    assertThat(rawStatus("GET", HttpTransport.HEALTH_PATH, "attacker.example", null)).startsWith("HTTP/1.1 421");
    assertThat(rawStatus("GET", HttpTransport.HEALTH_PATH, "localhost:" + transport.port(), null))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void initializeListAndCallWithTheToken() throws Exception {
    HttpResponse<String> init = send(post(INITIALIZE).header("Authorization", "Bearer " + TOKEN).build());
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(jsonOf(init.body()).at("/result/serverInfo/name").asText()).isEqualTo("cask-test-api");

    send(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
            .header("Authorization", "Bearer " + TOKEN)
            .header("Mcp-Session-Id", session)
            .build());
    HttpResponse<String> list =
        send(post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Mcp-Session-Id", session)
                .build());
    JsonNode tools = jsonOf(list.body()).at("/result/tools");
    assertThat(tools).hasSize(4);
    assertThat(tools.get(0).get("name").asText()).isEqualTo("create_issue");
    assertThat(tools.get(1).at("/annotations/readOnlyHint").asBoolean()).isTrue();

    int before = upstream.requests();
    HttpResponse<String> call =
        send(post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\","
                    + "\"arguments\":{\"owner\":\"octo\",\"repo\":\"hello world\"}}}")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Mcp-Session-Id", session)
                .build());
    JsonNode result = jsonOf(call.body()).get("result");
    assertThat(result.get("isError").asBoolean()).isFalse();
    assertThat(result.at("/structuredContent/path").asText()).isEqualTo("/repos/octo/hello%20world");
    assertThat(result.at("/_meta/dev.cask~1decision").asText()).isEqualTo("allow");
    assertThat(upstream.requests()).isEqualTo(before + 1);
  }

  @Test
  void aTakenPortIsAClearErrorAndLeavesNoThreadsBehind() throws Exception {
    java.util.Set<Thread> before = liveNonDaemonThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GovernedServer server =
          GovernedServer.of(new SpiContractTools(TestToolpacks.tools("http://127.0.0.1:1", 0), state, false), "x", "1");
      assertThatThrownBy(
              () -> server.startHttp(new HttpSettings("127.0.0.1", taken.getLocalPort(), TOKEN, List.of(), List.of())))
          .isInstanceOf(CaskException.class)
          .hasMessageContaining("--http 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("cannot listen");
    }
    // Jetty's pool threads are not daemons: any left behind would keep the JVM alive after the error. The failed start
    // has stopped everything it started before it returns (Jetty's stop joins its threads), so there is nothing to wait
    // for: a thread of this server still alive now is a leak, however fast or slow the machine.
    java.util.Set<Thread> leaked = liveNonDaemonThreads();
    leaked.removeAll(before);
    assertThat(leaked).extracting(Thread::getName).isEmpty();
  }

  private static java.util.Set<Thread> liveNonDaemonThreads() {
    java.util.Set<Thread> threads = new java.util.HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && !thread.isDaemon()) {
        threads.add(thread);
      }
    }
    return threads;
  }

  private static JsonNode jsonOf(String body) throws Exception {
    // Streamable HTTP may answer as JSON or as one SSE event; take the data line in the latter case.
    String text = body.strip();
    if (text.startsWith("event:") || text.startsWith("data:") || text.startsWith("id:")) {
      text =
          text.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElseThrow();
    }
    return JSON.readTree(text);
  }

  private static String rawStatus(String method, String path, String host, String token) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), transport.port())) {
      byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder();
      request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(host).append("\r\n");
      if (token != null) {
        request.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      request.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
      request.append("Content-Length: ").append("POST".equals(method) ? body.length : 0).append("\r\n");
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      if ("POST".equals(method)) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.lines().findFirst().orElse("");
    }
  }
}
