package dev.cask.runtime.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal JSON-RPC client over a server process's stdin/stdout, with any number of requests in flight. */
public final class StdioClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final OutputStream in;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(100);

  /** Starts the server; its stderr goes to {@code stderr} (kept for a look after a failed run). */
  public StdioClient(List<String> command, java.nio.file.Path stderr) throws IOException {
    process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    in = process.getOutputStream();
    Thread reader = new Thread(this::read, "stdio-client-reader");
    reader.setDaemon(true);
    reader.start();
    request("initialize",
        "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}")
        .join();
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  private void read() {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonNode message = JSON.readTree(line);
        if (message.has("id")) {
          CompletableFuture<JsonNode> future = pending.remove(message.get("id").asInt());
          if (future != null) {
            future.complete(message);
          }
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** The server process. */
  public Process process() {
    return process;
  }

  public CompletableFuture<JsonNode> request(String method, String paramsJson) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    pending.put(id, future);
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}");
    return future;
  }

  private synchronized void send(String line) {
    try {
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new IllegalStateException("server input closed", e);
    }
  }

  @Override
  public void close() throws Exception {
    in.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
