package dev.cask.runtime.cli;

import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.pipeline.PendingTools;
import dev.cask.runtime.verification.TrustAnchors;
import dev.cask.runtime.server.transport.HttpSettings;
import dev.cask.runtime.server.transport.HttpTransport;
import dev.cask.runtime.server.transport.StdioTransport;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code train}: a short, self-contained run of the real start-up path for building a class-data-sharing (AppCDS)
 * archive, which cuts start-up by about a third:
 *
 * <pre>java -XX:ArchiveClassesAtExit=cask-runtime.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar cask-runtime.jar train</pre>
 *
 * with the compiler flags the archive is then used with ({@code src/main/sh/cask-runtime}): a JDK 17 archive written by
 * a JVM with C2 made SHA-256's compression loop never compiled by C1 alone (GitHub's start 7 s instead of 1 s).
 *
 * It writes a throwaway toolpack signed with a key made for this run ({@link TrainingToolpack}), opens it through the
 * same core as {@code serve} (toolpack loader, lockfile and signers readers, Ed25519 checks, canonical digests,
 * pipeline start), then serves it over in-memory pipes (stdio) and over HTTP on an ephemeral loopback port with a
 * random token for the few milliseconds it takes, and deletes everything it wrote. Every call is denied by the
 * training policy: no upstream request, nothing reachable by anyone else.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Run the start-up path once on a throwaway signed toolpack, to build a start-up (AppCDS) archive:",
      "  java -XX:ArchiveClassesAtExit=cask-runtime.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar cask-runtime.jar train",
      "then start with the same compiler flags (the launcher beside the jar does):",
      "  java -XX:SharedArchiveFile=cask-runtime.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar cask-runtime.jar serve ..."
    })
final class TrainCommand implements Callable<Integer> {
  private static final int TOOLS = 300;

  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  TrainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path directory = Files.createTempDirectory("cask-train");
    try {
      TrainingToolpack.Written files = TrainingToolpack.write(directory, TOOLS);
      ServeRequest request = new ServeRequest(files.toolpack(), files.lockfile(), files.signers(),
          null, directory.resolve("audit").resolve("audit.jsonl"), null, List.of(), false,
          // pinned to its own signers only: the operator's anchors (environment, ~/.cask) are for their toolpacks
          new TrustAnchors(List.of(new TrustAnchors.Given("train", files.signersDigest())), null, true));
      context.core().announce(request); // what serve reads to answer initialize while it verifies
      GovernedServer server = context.core().open(request);
      stdio(server);
      http(server);
      // Closed here, before its directory goes: the audit log writes its final checkpoint on close (the shutdown
      // hook's close then finds it closed).
      if (server.tools() instanceof AutoCloseable pipeline) {
        pipeline.close();
      }
    } finally {
      deleteTree(directory);
    }
    context.stderr().println("cask-runtime: training run done");
    return ExitCodes.OK;
  }

  private static void deleteTree(Path directory) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void stdio(GovernedServer server) throws Exception {
    PipedOutputStream clientOut = new PipedOutputStream();
    PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream();
    PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
    // As serve runs stdio: the transport on tools that wait for the verified core, output that can be cut off.
    PendingTools tools = new PendingTools();
    CutOffOutputStream out = new CutOffOutputStream(serverOut);
    Thread serving = new Thread(() -> StdioTransport.serve(tools, CompletableFuture.completedFuture(server.info()),
        serverIn, out, false, true), "train-stdio");
    serving.setDaemon(true);
    serving.start();
    tools.verified(server.tools());
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
}
