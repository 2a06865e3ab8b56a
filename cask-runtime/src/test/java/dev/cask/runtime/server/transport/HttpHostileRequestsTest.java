package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile requests against the Streamable HTTP transport on real Jetty, over a raw socket (so every method, header and
 * byte is the attacker's choice): each gets the status the protocol says, a small JSON body (a JSON-RPC error on the
 * MCP endpoint) and never a stack trace, an exception's text, a class name or the container's name. A
 * {@code tools/call} refused this way is audited by the real pipeline.
 */
class HttpHostileRequestsTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef-hostile";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_BODY = null;
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\","
          + "\"arguments\":{\"owner\":\"o\",\"repo\":\"r\"}}}";
  /** What no answer may show: Java exceptions, stack frames, class and package names, the container, HTML. */
  private static final Pattern LEAK = Pattern.compile(
      "(?i)exception|throwable|stacktrace|\\bat [a-z]+\\.|\\.java\\b|java\\.|javax?\\.|jakarta\\.|com\\.fasterxml|jackson"
          + "|io\\.modelcontextprotocol|reactor\\.|dev\\.cask|jetty|servlet|<html|caused by");

  @TempDir static Path state;
  private static EchoUpstream upstream;
  private static GovernedPipeline pipeline;
  private static HttpTransport transport;
  private static String session;

  @BeforeAll
  static void start() throws Exception {
    upstream = EchoUpstream.start();
    List<Tool> tools = TestToolpacks.tools(upstream.baseUrl(), 1);
    pipeline = GovernedPipeline.start(TestPipelines.approved(SignedToolpacks.confirmWrites(), tools.toArray(Tool[]::new)),
        PipelineSettings.builder(state.resolve("audit.jsonl")).allowNetworks(List.of("127.0.0.1/32")).build());
    transport = GovernedServer.of(pipeline, "test-api", "1.0")
        .startHttp(new HttpSettings("127.0.0.1", 0, TOKEN, List.of(), List.of()));
    Raw init = send("POST", "/mcp", mcpHeaders(null), INITIALIZE);
    assertThat(init.status).as(init.text()).isEqualTo(200);
    session = init.header("mcp-session-id");
    assertThat(send("POST", "/mcp", mcpHeaders(session), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .status).isEqualTo(202);
  }

  @AfterAll
  static void stop() {
    transport.close();
    pipeline.close();
    upstream.close();
  }

  private static Map<String, String> mcpHeaders(String sessionId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + TOKEN);
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json, text/event-stream");
    if (sessionId != null) {
      headers.put("Mcp-Session-Id", sessionId);
    }
    return headers;
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return copy;
  }

  /** One hostile request and what it must get: the status, and on the MCP endpoint the JSON-RPC error code. */
  private record Case(String name, String method, String path, Map<String, String> headers, byte[] body, int status,
      Integer code) {
    Case(String name, String method, String path, Map<String, String> headers, String body, int status, Integer code) {
      this(name, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), status, code);
    }
  }

  private static List<Case> cases() {
    Map<String, String> none = Map.of();
    Map<String, String> mcp = mcpHeaders(session);
    Map<String, String> noSession = mcpHeaders(null);
    List<Case> cases = new ArrayList<>();
    // methods and paths the server does not have: refused before the token is looked at
    cases.add(new Case("TRACE / without a token", "TRACE", "/", none, NO_BODY, 404, null));
    cases.add(new Case("TRACE /mcp without a token", "TRACE", "/mcp", none, NO_BODY, 405, null));
    cases.add(new Case("TRACE /healthz", "TRACE", "/healthz", none, NO_BODY, 405, null));
    cases.add(new Case("TRACE /mcp with the token", "TRACE", "/mcp", mcp, NO_BODY, 405, null));
    cases.add(new Case("OPTIONS /mcp", "OPTIONS", "/mcp", none, NO_BODY, 405, null));
    cases.add(new Case("PUT /mcp", "PUT", "/mcp", mcp, INITIALIZE, 405, null));
    cases.add(new Case("PATCH /mcp", "PATCH", "/mcp", mcp, INITIALIZE, 405, null));
    cases.add(new Case("an invented method", "BREW", "/mcp", mcp, NO_BODY, 405, null));
    cases.add(new Case("POST /healthz", "POST", "/healthz", mcp, INITIALIZE, 405, null));
    cases.add(new Case("GET /", "GET", "/", none, NO_BODY, 404, null));
    cases.add(new Case("GET an unknown path", "GET", "/admin", mcp, NO_BODY, 404, null));
    cases.add(new Case("GET /mcp/ (another path)", "GET", "/mcp/", mcp, NO_BODY, 404, null));
    cases.add(new Case("an encoded dot segment", "GET", "/%2e%2e/mcp", mcp, NO_BODY, 400, null));
    cases.add(new Case("POST without the token", "POST", "/mcp", with(mcp, "Authorization", null), "{", 401, null));
    // the MCP endpoint with the token: what the body and the headers say
    cases.add(new Case("malformed JSON", "POST", "/mcp", mcp, "{\"jsonrpc\":", 400, -32700));
    cases.add(new Case("not UTF-8", "POST", "/mcp", mcp,
        concat("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe},
            "\"}".getBytes(StandardCharsets.UTF_8)), 400, -32700));
    cases.add(new Case("deep nesting", "POST", "/mcp", mcp, "[".repeat(100_000), 400, -32700));
    cases.add(new Case("deep nesting in params", "POST", "/mcp", mcp,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}",
        400, -32700));
    cases.add(new Case("a number too long to read", "POST", "/mcp", mcp,
        "{\"jsonrpc\":\"2.0\",\"id\":1" + "0".repeat(5_000) + ",\"method\":\"ping\"}", 400, -32700));
    cases.add(new Case("a batch", "POST", "/mcp", mcp, "[" + INITIALIZE + "]", 400, -32600));
    cases.add(new Case("an empty batch", "POST", "/mcp", mcp, "[]", 400, -32600));
    cases.add(new Case("a number", "POST", "/mcp", mcp, "42", 400, -32600));
    cases.add(new Case("null", "POST", "/mcp", mcp, "null", 400, -32600));
    cases.add(new Case("an empty body", "POST", "/mcp", mcp, "", 400, -32600));
    cases.add(new Case("jsonrpc 1.0", "POST", "/mcp", mcp, CALL.replace("\"2.0\"", "\"1.0\""), 400, -32600));
    cases.add(new Case("no jsonrpc", "POST", "/mcp", mcp, CALL.replace("\"jsonrpc\":\"2.0\",", ""), 400, -32600));
    cases.add(new Case("an object id", "POST", "/mcp", mcp, "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", 400, -32600));
    cases.add(new Case("a fractional id", "POST", "/mcp", mcp, "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", 400, -32600));
    cases.add(new Case("a method that is not a string", "POST", "/mcp", mcp, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", 400, -32600));
    cases.add(new Case("neither method nor result", "POST", "/mcp", mcp, "{\"jsonrpc\":\"2.0\",\"id\":1}", 400, -32600));
    cases.add(new Case("initialize with params that are a string", "POST", "/mcp", noSession,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"x\"}", 400, -32602));
    cases.add(new Case("initialize with mistyped params", "POST", "/mcp", noSession,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":{},\"capabilities\":[]}}",
        400, -32602));
    cases.add(new Case("a request without a session", "POST", "/mcp", noSession, CALL, 400, -32000));
    cases.add(new Case("an unknown session", "POST", "/mcp", mcpHeaders("no-such-session"), CALL, 404, -32001));
    cases.add(new Case("a notification to an unknown session", "POST", "/mcp", mcpHeaders("no-such-session"),
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", 404, -32001));
    cases.add(new Case("an answer no request waits for", "POST", "/mcp", mcp,
        "{\"jsonrpc\":\"2.0\",\"id\":\"nobody-asked\",\"result\":{}}", 400, -32600));
    cases.add(new Case("Content-Type text/plain", "POST", "/mcp", with(mcp, "Content-Type", "text/plain"), CALL, 415, -32000));
    cases.add(new Case("no Content-Type", "POST", "/mcp", with(mcp, "Content-Type", null), CALL, 415, -32000));
    cases.add(new Case("form data", "POST", "/mcp", with(mcp, "Content-Type", "application/x-www-form-urlencoded"),
        "a=b", 415, -32000));
    cases.add(new Case("Accept without event streams", "POST", "/mcp", with(mcp, "Accept", "application/json"), CALL, 406, -32000));
    cases.add(new Case("no Accept", "POST", "/mcp", with(mcp, "Accept", null), CALL, 406, -32000));
    cases.add(new Case("a body announced too large", "POST", "/mcp", with(mcp, "Content-Length", "20000000"), NO_BODY, 413, -32000));
    cases.add(new Case("GET without a session", "GET", "/mcp", with(noSession, "Accept", "text/event-stream"), NO_BODY, 400, -32000));
    cases.add(new Case("GET an unknown session", "GET", "/mcp",
        with(mcpHeaders("no-such-session"), "Accept", "text/event-stream"), NO_BODY, 404, -32001));
    cases.add(new Case("GET without event streams", "GET", "/mcp", with(mcp, "Accept", "application/json"), NO_BODY, 406, -32000));
    cases.add(new Case("DELETE without a session", "DELETE", "/mcp", noSession, NO_BODY, 400, -32000));
    cases.add(new Case("DELETE an unknown session", "DELETE", "/mcp", mcpHeaders("no-such-session"), NO_BODY, 404, -32001));
    // what Jetty answers itself
    cases.add(new Case("a header too large", "GET", "/healthz", Map.of("X-Big", "x".repeat(20_000)), NO_BODY, 431, null));
    return cases;
  }

  @Test
  void everyHostileRequestGetsItsStatusAndASmallJsonErrorWithoutInternals() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Case hostile : cases()) {
      Raw answer = send(hostile.method, hostile.path, hostile.headers, hostile.body);
      String body = answer.text();
      String problem = null;
      if (answer.status != hostile.status) {
        problem = "status " + answer.status;
      } else if (LEAK.matcher(answer.head + body).find()) {
        problem = "leaks internals";
      } else if (body.length() > 400) {
        problem = "a body of " + body.length() + " characters";
      } else if (!hostile.method.equals("HEAD")) {
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
          problem = "not a JSON object";
        } else if (hostile.code != null && (!json.path("jsonrpc").asText().equals("2.0")
            || json.at("/error/code").asInt() != hostile.code || !json.has("id"))) {
          problem = "not the JSON-RPC error " + hostile.code;
        } else if (hostile.code == null && !json.path("error").isTextual()) {
          problem = "not an error object";
        } else if (!answer.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/json")) {
          problem = "Content-Type " + answer.header("content-type");
        }
      }
      if (problem != null) {
        failures.add(hostile.name + ": " + problem + "\n  " + answer.head.replace("\r\n", "\n  ") + body);
      }
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
  }

  @Test
  void refusalsOfTheWayAreAllowedTheAllowAndTheMethodsStillWork() throws Exception {
    Raw trace = send("TRACE", "/mcp", Map.of("X-Secret", "do-not-echo"), NO_BODY);
    assertThat(trace.header("allow")).isEqualTo("DELETE, GET, POST");
    assertThat(trace.head + trace.text()).doesNotContain("do-not-echo");
    assertThat(send("GET", "/healthz", Map.of(), NO_BODY).text()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(send("HEAD", "/healthz", Map.of(), NO_BODY).status).isEqualTo(200);
    Raw list = send("POST", "/mcp", mcpHeaders(session), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(list.status).isEqualTo(200);
    assertThat(list.text()).contains("get_repo");
  }

  @Test
  void errorsInsideASessionNameNoInternalsEither() throws Exception {
    Raw level = send("POST", "/mcp", mcpHeaders(session),
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loudest\"}}");
    assertThat(level.status).isEqualTo(200);
    assertThat(eventData(level.text()).at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(level.text()).doesNotContainPattern(LEAK);
    Raw number = send("POST", "/mcp", mcpHeaders(session), "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
        + "\"params\":{\"name\":\"list_things_0000\",\"arguments\":{\"owner\":\"o\",\"per_page\":1e99999}}}");
    assertThat(eventData(number.text()).at("/result/_meta/dev.cask~1outcome/reason").asText()).isEqualTo("invalid_arguments");
  }

  @Test
  void refusedToolCallsAreAudited() throws Exception {
    int before = Files.readAllLines(state.resolve("audit.jsonl")).size();
    send("POST", "/mcp", mcpHeaders(session), CALL.replace("\"2.0\"", "\"1.0\""));
    send("POST", "/mcp", mcpHeaders("no-such-session"), CALL);
    send("POST", "/mcp", mcpHeaders(null), CALL);
    List<String> lines = Files.readAllLines(state.resolve("audit.jsonl"));
    assertThat(lines).hasSize(before + 3);
    for (String line : lines.subList(before, lines.size())) {
      JsonNode record = JSON.readTree(line);
      assertThat(record.path("tool").asText()).isEqualTo("get_repo");
      assertThat(record.path("reason").asText()).isEqualTo("invalid_request");
    }
    assertThat(upstream.requests()).isZero();
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonNode eventData(String body) throws Exception {
    String data = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst().orElse(body);
    return JSON.readTree(data);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A response as bytes: the status line and headers, and the body (de-chunked when chunked). */
  private record Raw(int status, String head, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }
  }

  private static Raw send(String method, String path, Map<String, String> headers, String body) throws Exception {
    return send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static Raw send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), transport.port())) {
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      request.append("Host: 127.0.0.1:").append(transport.port()).append("\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (!headers.containsKey("Content-Length") && body != null) {
        request.append("Content-Length: ").append(body.length).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null && !headers.containsKey("Content-Length")) {
        out.write(body);
      }
      out.flush();
      byte[] all = readAnswer(socket.getInputStream(), method.equals("HEAD"));
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      byte[] rest = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, end + 4, all.length);
      int status = Integer.parseInt(head.split(" ")[1]);
      Raw raw = new Raw(status, head, rest);
      return raw.header("transfer-encoding").equalsIgnoreCase("chunked") ? new Raw(status, head, dechunk(rest)) : raw;
    }
  }

  /** Reads until the server closes, or until a complete answer with a length arrived (an SSE stream may stay open). */
  private static byte[] readAnswer(InputStream in, boolean head) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (java.net.SocketTimeoutException e) {
        return all.toByteArray();
      }
      if (n < 0) {
        return all.toByteArray();
      }
      all.write(buffer, 0, n);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        String length = new Raw(0, text.substring(0, end), new byte[0]).header("content-length");
        if (head || (!length.isEmpty() && all.size() >= end + 4 + Integer.parseInt(length))) {
          return all.toByteArray();
        }
        if (text.endsWith("\r\n0\r\n\r\n")) {
          return all.toByteArray();
        }
      }
    }
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < chunked.length) {
      int lineEnd = indexOf(chunked, pos);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      pos = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
