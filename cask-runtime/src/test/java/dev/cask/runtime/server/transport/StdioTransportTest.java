package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.testing.SpiContractTools;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stdio transport in-process: what the core receives, and that serving ends with the input. */
class StdioTransportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path state;

  @Test
  void callsReachTheCoreWithSessionArgumentsAndDryRunAndServingEndsWithInput() throws Exception {
    List<ToolCall> calls = new CopyOnWriteArrayList<>();
    SpiContractTools inner = new SpiContractTools(TestToolpacks.tools("http://127.0.0.1:1", 0), state, false);
    GovernedServer server =
        GovernedServer.of(
            new dev.cask.runtime.server.spi.GovernedTools() {
              @Override
              public List<dev.cask.runtime.model.toolpack.ToolDefinition> listTools() {
                return inner.listTools();
              }

              @Override
              public dev.cask.runtime.server.spi.ToolCallOutcome call(ToolCall call) {
                calls.add(call);
                return inner.call(call);
              }
            },
            "t",
            "1");
    PipedOutputStream client = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(client, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    BufferedReader answers =
        new BufferedReader(new InputStreamReader(new PipedInputStream(serverOut, 1 << 16), StandardCharsets.UTF_8));
    Thread serving = new Thread(() -> server.serveStdio(serverIn, serverOut));
    serving.start();

    send(client, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    assertThat(JSON.readTree(answers.readLine()).at("/result/serverInfo/name").asText()).isEqualTo("cask-t");
    send(client, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(client, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\","
        + "\"arguments\":{\"owner\":\"o\",\"repo\":\"r\",\"extra\":1},\"_meta\":{\"dev.cask/dryRun\":true}}}");
    JsonNode dryRun = JSON.readTree(answers.readLine());
    send(client, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_repo\"}}");
    JsonNode noArguments = JSON.readTree(answers.readLine());

    assertThat(dryRun.at("/result/content/0/text").asText()).isEqualTo("GET http://127.0.0.1:1/repos/o/r");
    assertThat(noArguments.at("/result/isError").asBoolean()).isTrue();
    assertThat(calls).hasSize(2);
    // Undeclared arguments reach the core untouched (the core rejects them; the transport never filters).
    assertThat(calls.get(0).arguments().has("extra")).isTrue();
    assertThat(calls.get(0).dryRun()).isTrue();
    assertThat(calls.get(0).sessionId()).isNotBlank();
    assertThat(calls.get(1).arguments().isObject()).isTrue();
    assertThat(calls.get(1).arguments().size()).isZero();
    assertThat(calls.get(1).dryRun()).isFalse();

    client.close();
    serving.join(10_000);
    assertThat(serving.isAlive()).as("serveStdio returned after the input ended").isFalse();
  }

  private static void send(PipedOutputStream out, String line) throws Exception {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
