package dev.cask.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.transport.HttpSettings;
import dev.cask.runtime.server.transport.HttpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code train}: a short, self-contained exercise of both transports for building a class-data-sharing (AppCDS)
 * archive, which cuts start-up roughly in half:
 *
 * <pre>java -XX:ArchiveClassesAtExit=cask-runtime.jsa -jar cask-runtime.jar train</pre>
 *
 * It serves a synthetic list of tools that deny every call, over in-memory pipes (stdio) and over HTTP on an
 * ephemeral loopback port with a random token for the few milliseconds it takes; no toolpack, no upstream, nothing
 * reachable by anyone else.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Exercise both transports once, with synthetic deny-all tools, to build a start-up (AppCDS) archive:",
      "  java -XX:ArchiveClassesAtExit=cask-runtime.jsa -jar cask-runtime.jar train",
      "then start with: java -XX:SharedArchiveFile=cask-runtime.jsa -jar cask-runtime.jar serve ..."
    })
final class TrainCommand implements Callable<Integer> {
  private static final int TOOLS = 200;

  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  TrainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    GovernedServer server = GovernedServer.of(new DenyAll(), "training", "0");
    stdio(server);
    http(server);
    context.stderr().println("cask-runtime: training run done");
    return ExitCodes.OK;
  }

  private static void stdio(GovernedServer server) throws Exception {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
    Thread serving = new Thread(() -> server.serveStdio(serverIn, serverOut), "train-stdio");
    serving.setDaemon(true);
    serving.start();
    BufferedReader answers = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
    send(clientOut, initialize(1));
    answers.readLine();
    send(clientOut, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    send(clientOut, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    answers.readLine();
    send(clientOut, call(3, "tool_0001"));
    answers.readLine();
    clientOut.close();
    serving.join(10_000);
  }

  private static void http(GovernedServer server) throws Exception {
    String token = ServeCommand.generateToken();
    try (HttpTransport transport = server.startHttp(new HttpSettings("127.0.0.1", 0, token, List.of(), List.of()))) {
      HttpClient client = HttpClient.newHttpClient();
      URI mcp = URI.create("http://127.0.0.1:" + transport.port() + HttpTransport.MCP_PATH);
      HttpResponse<String> init =
          client.send(post(mcp, token, initialize(1)).build(), HttpResponse.BodyHandlers.ofString());
      String session = init.headers().firstValue("Mcp-Session-Id").orElse("");
      for (String body :
          List.of(
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
              call(3, "tool_0002"))) {
        client.send(post(mcp, token, body).header("Mcp-Session-Id", session).build(), HttpResponse.BodyHandlers.ofString());
      }
      client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + transport.port() + HttpTransport.HEALTH_PATH)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static HttpRequest.Builder post(URI uri, String token, String body) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String initialize(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"train\",\"version\":\"1\"}}}";
  }

  private static String call(int id, String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":{\"owner\":\"o\",\"per_page\":10}}}";
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Synthetic tools shaped like compiled ones; every call is denied. */
  private static final class DenyAll implements GovernedTools {
    private final List<ToolDefinition> tools = new ArrayList<>();

    DenyAll() {
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < TOOLS; i++) {
        String name = String.format(Locale.ROOT, "tool_%04d", i);
        tools.add(
            new ToolDefinition(
                name,
                "A synthetic tool for the training run.",
                HttpMethod.GET,
                "https://training.invalid",
                "/things/{owner}",
                json.createObjectNode()
                    .put("type", "object")
                    .put("additionalProperties", false)
                    .set(
                        "properties",
                        json.createObjectNode()
                            .set("owner", json.createObjectNode().put("type", "string"))),
                null,
                new Risk(RiskTier.READ, List.of("method GET")),
                new ToolAnnotations(name, true, false, true, true),
                new RequestBinding(List.of(), null),
                List.of(),
                false));
      }
    }

    @Override
    public List<ToolDefinition> listTools() {
      return tools;
    }

    @Override
    public ToolCallOutcome call(ToolCall call) {
      return new ToolCallOutcome(Decision.DENY, "policy_deny", "training run: every call is denied", null, true, null);
    }

    @Override
    public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
      return new ToolCallOutcome(Decision.DENY, "invalid_request", "training run: " + problem, null, true, null);
    }
  }
}
