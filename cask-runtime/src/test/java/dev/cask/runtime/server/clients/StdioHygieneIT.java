package dev.cask.runtime.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In stdio mode, stdout carries JSON-RPC and nothing else; logs go to stderr; the process ends with its input. */
class StdioHygieneIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void stdoutCarriesOnlyJsonRpc() throws Exception {
    try (EchoUpstream upstream = EchoUpstream.start()) {
      SignedToolpacks.Signed signed = SignedToolpacks.write(dir, "test-api",
          TestToolpacks.tools(upstream.baseUrl(), 20), SignedToolpacks.confirmWrites());
      Path err = dir.resolve("stderr.txt");
      Process process =
          new ProcessBuilder(
                  Processes.productionJar(SignedToolpacks.serveArgs(signed).toArray(String[]::new)))
              .redirectError(err.toFile())
              .start();
      List<String> requests =
          List.of(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                  + "\"capabilities\":{},\"clientInfo\":{\"name\":\"hygiene\",\"version\":\"1\"}}}",
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
              "this line is not JSON", // answered with a parse error; the server keeps serving
              "{\"not\":\"json-rpc\"}", // answered with an invalid-request error
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
              "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\","
                  + "\"arguments\":{\"owner\":\"o\",\"repo\":\"r\"}}}",
              "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\","
                  + "\"arguments\":{\"owner\":\"o\",\"repo\":\"r\"},\"_meta\":{\"dev.cask/dryRun\":true}}}",
              "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\","
                  + "\"arguments\":{}}}",
              "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}",
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
      OutputStream in = process.getOutputStream();
      for (String request : requests) {
        in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
      }
      in.flush();

      List<String> lines = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      List<Integer> errorCodes = new ArrayList<>();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      while (ids.size() < 7 || errorCodes.size() < 2) {
        String line = out.readLine();
        assertThat(line).as("stdout ended early; stderr:\n%s", Files.readString(err)).isNotNull();
        lines.add(line);
        JsonNode message = JSON.readTree(line); // every line must be JSON...
        assertThat(message.get("jsonrpc").asText()).isEqualTo("2.0"); // ...and JSON-RPC
        if (message.hasNonNull("id")) {
          ids.add(message.get("id").asInt());
        } else if (message.has("error")) {
          errorCodes.add(message.at("/error/code").asInt());
        }
      }
      in.close(); // the client goes away: the server must end by itself
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("server did not exit after stdin closed").isTrue();
      assertThat(process.exitValue()).isZero();
      String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      for (String line : rest.lines().toList()) {
        assertThat(JSON.readTree(line).get("jsonrpc").asText()).isEqualTo("2.0");
      }
      assertThat(ids).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
      assertThat(errorCodes).containsExactly(-32700, -32600);
      assertThat(Files.readString(err)).contains("serving 22 tools over stdio");
      assertThat(String.join("\n", lines)).doesNotContain("[INFO]", "[WARN]", "serving 22 tools");
    }
  }
}
