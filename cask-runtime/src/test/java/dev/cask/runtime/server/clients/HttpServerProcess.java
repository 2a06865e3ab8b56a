package dev.cask.runtime.server.clients;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@code serve --http} process of the packaged jar, ready when {@code /healthz} answers; killed on close. */
final class HttpServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path stderr;

  private HttpServerProcess(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /** {@code java -jar cask-runtime.jar} with the given serve arguments plus {@code --http 127.0.0.1:<free port>}. */
  static HttpServerProcess start(List<String> serveArgs, String token, String... extra) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> args = new ArrayList<>(serveArgs);
    args.addAll(List.of("--http", "127.0.0.1:" + port));
    args.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(Processes.productionJar(args.toArray(String[]::new)));
    Path err = Files.createTempFile(Processes.target(), "http-server", ".err");
    builder.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    if (token != null) {
      env.put("CASK_HTTP_TOKEN", token);
    } else {
      env.remove("CASK_HTTP_TOKEN");
    }
    Process process = builder.start();
    HttpServerProcess server = new HttpServerProcess(process, port, err);
    server.awaitHealthy();
    return server;
  }

  private void awaitHealthy() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + ": " + Files.readString(stderr));
      }
      try {
        HttpResponse<String> response =
            client.send(HttpRequest.newBuilder(URI.create(url("/healthz"))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server not healthy within 30 s: " + Files.readString(stderr));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String stderr() throws IOException {
    return Files.readString(stderr);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) { // shutdown hooks: final checkpoint, export
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
