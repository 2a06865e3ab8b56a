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
 * A {@code tools/list} answer over 10 MiB, which the official MCP TypeScript SDK's stdio client refuses (it closes the
 * connection): {@code serve} says so on stderr with the size and the fixes, and says nothing once the list is smaller.
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
