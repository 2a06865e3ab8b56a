package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages over 10 MiB, on which the official MCP TypeScript SDK's stdio client closes the connection: a
 * {@code tools/list} answer that large is named on stderr with the size and the fixes (nothing is said once the list
 * is smaller); a tool result that large is replaced by an error result that says why, and the session goes on.
 */
class LargeToolListIT {
  private static final String PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":";

  @TempDir Path dir;

  @Test
  void aListTheTypeScriptClientWouldRefuseIsNamedOnStderrWithTheFix() throws Exception {
    // Ten tools, each with an argument described in 1.1 MB of text (input schemas are listed whole): an 11 MB list.
    String description = "x".repeat(1_100_000);
    List<Tool> tools = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tools.add(ToolFixtures.tool("tool_" + i).path("/items/" + i)
          .param("q", ParameterLocation.QUERY, "{\"type\":\"string\",\"description\":\"" + description + "\"}").build());
    }
    SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "large", tools, SignedToolpacks.confirmWrites());

    Served all = listOnce(SignedToolpacks.serveArgs(signed));
    int listed = all.answer().getBytes(StandardCharsets.UTF_8).length - PREFIX.length() - 1;
    assertThat(listed).isGreaterThan(10 << 20);
    assertThat(all.stderr())
        .contains("the tools/list answer holds " + String.format(Locale.ROOT, "%,d", listed) + " bytes of tools: the"
            + " official MCP TypeScript SDK's stdio client, and the clients built on it, refuse a message over"
            + " 10,485,760 bytes (10 MiB) and close the connection. Fix: serve fewer tools (--toolset, --tools), list"
            + " them without output schemas (--no-output-schemas), or compile fewer operations (cask.operations)");

    List<String> two = new ArrayList<>(SignedToolpacks.serveArgs(signed));
    two.addAll(List.of("--tools", "tool_0,tool_1"));
    Served fewer = listOnce(two);
    assertThat(fewer.answer()).contains("\"name\":\"tool_1\"").doesNotContain("\"name\":\"tool_2\"");
    assertThat(fewer.stderr()).doesNotContain("tools/list answer holds");
  }

  @Test
  void aToolResultTheTypeScriptClientWouldRefuseBecomesAnErrorResultAndTheSessionStaysOpen() throws Exception {
    // A 5.5 MB JSON object (about half the 10 MiB the server takes from an upstream): its answer carries it twice, as text
    // and as structured content, and is over 10 MiB, on which the official TypeScript client closes the connection.
    StringBuilder items = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 100_000; i++) {
      items.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item number ").append(i)
          .append("\",\"tags\":[\"a\",\"b\"]}");
    }
    byte[] body = items.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    com.sun.net.httpserver.HttpServer upstream =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/big", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    upstream.start();
    try {
      Tool big = ToolFixtures.tool("get_big").baseUrl("http://127.0.0.1:" + upstream.getAddress().getPort())
          .path("/big").output("{\"type\":\"object\"}").build();
      SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "big", List.of(big), SignedToolpacks.benchmark());
      List<String> lines = exchange(SignedToolpacks.serveArgs(signed),
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_big\",\"arguments\":{}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");
      String call = lines.stream().filter(line -> line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":3,")).findFirst()
          .orElseThrow();
      assertThat(call.getBytes(StandardCharsets.UTF_8).length).isLessThan(10 << 20);
      assertThat(call)
          .contains("\"isError\":true")
          .contains("more than MCP clients built on the official TypeScript SDK read over stdio (10 MiB): it was not"
              + " sent, so that the session stays open. The call itself ran.")
          .contains("\"dev.cask/decision\":\"allow");
      assertThat(lines).as("the session answers after it").anyMatch(line -> line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":4,"));
      assertThat(lastStderr).contains("a tools/call answer of ").contains(" bytes was not sent");
    } finally {
      upstream.stop(0);
    }
  }

  private String lastStderr;

  /** Initializes a session with the production jar, sends the requests, reads until each is answered; the lines. */
  private List<String> exchange(List<String> serve, String... requests) throws Exception {
    Path err = Files.createTempFile(dir, "serve", ".err");
    Process process = new ProcessBuilder(Processes.productionJar(serve.toArray(String[]::new)))
        .redirectError(err.toFile()).start();
    List<String> lines = new ArrayList<>();
    try (OutputStream in = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder input = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
          + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
      for (String request : requests) {
        input.append(request).append('\n');
      }
      in.write(input.toString().getBytes(StandardCharsets.UTF_8));
      in.flush();
      String line;
      while (lines.size() < requests.length + 1 && (line = out.readLine()) != null) {
        lines.add(line);
      }
      in.close();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server ends with its input").isTrue();
      lastStderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(lines).as("every request answered; stderr:%n%s", lastStderr).hasSize(requests.length + 1);
      return lines;
    } finally {
      process.destroyForcibly();
    }
  }

  private record Served(String answer, String stderr) {}

  /** Starts the production jar, asks for the list, reads its answer, ends the session; the answer line and stderr. */
  private Served listOnce(List<String> serve) throws Exception {
    Path err = Files.createTempFile(dir, "serve", ".err");
    Process process = new ProcessBuilder(Processes.productionJar(serve.toArray(String[]::new)))
        .redirectError(err.toFile()).start();
    try (OutputStream in = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      String line;
      String answer = null;
      while (answer == null && (line = out.readLine()) != null) {
        if (line.startsWith(PREFIX)) {
          answer = line;
        }
      }
      in.close();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server ends with its input").isTrue();
      assertThat(answer).as("the tools/list answer; stderr:%n%s", Files.readString(err)).isNotNull();
      return new Served(answer, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }
}
