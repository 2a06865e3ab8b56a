package dev.cask.runtime.server.bench;

import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.McpHttpClient;
import dev.cask.runtime.server.testing.RedisServer;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost of shared state (run by {@code src/test/bench/replicas.sh}, never by {@code verify}): calls/s and per-call
 * latency of {@code serve --http} with local state against the same server with {@code --state} on a local
 * {@code redis-server}, and of three replicas on one Redis with the client spreading calls round-robin. Every call is
 * a read the benchmark policy allows under a global rate limit far above the load, so each call runs the limiter's
 * script in Redis once. The variants take turns in each round (the machine is shared: the load average is printed).
 *
 * <p>usage: {@code ReplicasBenchmark JAR OUT_DIR}; {@code -Dbench.rounds} (3), {@code -Dbench.calls} (5,000 per
 * measurement, after as many to warm up), {@code -Dbench.sequential} (2,000 calls one at a time).
 */
public final class ReplicasBenchmark {
  private static final String CALL = "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"bench\"}}";
  private static final String TOKEN = "bench-token-0123456789abcdef0123456789abcdef";

  private ReplicasBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int rounds = Integer.getInteger("bench.rounds", 3);
    int calls = Integer.getInteger("bench.calls", 5_000);
    int sequential = Integer.getInteger("bench.sequential", 2_000);
    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));
    String fsync = System.getProperty("bench.appendfsync", "everysec");
    System.out.printf(Locale.ROOT, "redis-server with appendonly yes, appendfsync %s; --state-timeout 5s%n", fsync);
    try (EchoUpstream upstream = EchoUpstream.start();
        RedisServer redis = RedisServer.start(out.resolve("redis"), fsync)) {
      SignedToolpacks.Signed signed = SignedToolpacks.write(out.resolve("toolpack"), "bench",
          TestToolpacks.tools(upstream.baseUrl(), 0), SignedToolpacks.benchmark());
      Path key = out.resolve("shared.key");
      Files.write(key, new byte[32]);
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      // A generous bound: on a loaded machine the default (500 ms) denies some calls, which is not what is measured.
      List<String> state = List.of("--state", redis.url(), "--shared-key", key.toString(), "--state-timeout", "5s");
      for (int round = 1; round <= rounds; round++) {
        System.out.printf(Locale.ROOT, "round %d, load average %s%n", round, loadAverage());
        measure("local state, 1 replica", jar, signed, out, List.of(), 1, calls, sequential);
        measure("Redis state, 1 replica", jar, signed, out, state, 1, calls, sequential);
        measure("Redis state, 3 replicas", jar, signed, out, state, 3, calls, 0);
      }
    }
  }

  private static void measure(String what, Path jar, SignedToolpacks.Signed signed, Path out, List<String> extra,
      int replicas, int calls, int sequential) throws Exception {
    List<Process> servers = new ArrayList<>();
    List<McpHttpClient> clients = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
          port = probe.getLocalPort();
        }
        Path log = Files.createTempDirectory(out, "replica").resolve("audit.jsonl");
        logs.add(log);
        List<String> args = SignedToolpacks.serveArgs(new SignedToolpacks.Signed(signed.toolpack(), signed.lockfile(),
            signed.signers(), log, signed.signersDigest()));
        args.addAll(List.of("--http", "127.0.0.1:" + port));
        args.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(RuntimeBenchmark.command(jar, List.of(), args))
            .redirectErrorStream(true).redirectOutput(log.resolveSibling("server.log").toFile());
        builder.environment().put("CASK_HTTP_TOKEN", TOKEN);
        servers.add(builder.start());
        clients.add(connect("http://127.0.0.1:" + port));
      }
      run(clients, 32, calls); // warm-up (JIT, connections)
      long[] latencies = new long[calls];
      long start = System.nanoTime();
      run(clients, 32, calls, latencies);
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      String line = String.format(Locale.ROOT, "%s, 32 in flight: %.0f calls/s, latency p50 %.3f ms, p99 %.3f ms",
          what, calls / seconds, pct(latencies, 0.50), pct(latencies, 0.99));
      if (sequential > 0) {
        long[] one = new long[sequential];
        run(clients, 1, sequential, one);
        Arrays.sort(one);
        line += String.format(Locale.ROOT, "; one at a time: p50 %.3f ms, p99 %.3f ms", pct(one, 0.50), pct(one, 0.99));
      }
      System.out.println(line);
    } finally {
      for (Process server : servers) {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (sequential > 0 && replicas == 1) {
      System.out.println("  " + inServer(logs.get(0), sequential));
    }
  }

  /**
   * The time the last {@code count} calls (the one-at-a-time ones) spent inside the server, from their audit records'
   * {@code latencyMicros}: without the HTTP transport and the client, so steadier on a loaded machine.
   */
  private static String inServer(Path auditLog, int count) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Long> micros = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog)) {
      com.fasterxml.jackson.databind.JsonNode record = json.readTree(line);
      if (record.path("reason").asText().equals("ok")) {
        micros.add(record.path("latencyMicros").asLong());
      }
    }
    long[] last = micros.subList(Math.max(0, micros.size() - count), micros.size()).stream()
        .mapToLong(m -> m * 1000).sorted().toArray();
    return String.format(Locale.ROOT, "one at a time, inside the server (audit latencyMicros): p50 %.3f ms, p99 %.3f ms",
        pct(last, 0.50), pct(last, 0.99));
  }

  private static McpHttpClient connect(String baseUrl) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int attempt = 0; attempt < 600; attempt++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return McpHttpClient.connect(baseUrl, TOKEN);
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no server at " + baseUrl);
  }

  private static void run(List<McpHttpClient> clients, int threads, int calls, long... latencies) throws Exception {
    AtomicInteger next = new AtomicInteger();
    java.util.Map<String, AtomicInteger> failures = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < calls) {
          long start = System.nanoTime();
          String reason;
          try {
            reason = McpHttpClient.reason(clients.get(i % clients.size()).call(CALL));
          } catch (Exception e) {
            reason = e.toString();
          }
          if (!reason.equals("ok")) {
            failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
          }
          if (latencies.length > 0) {
            latencies[i] = System.nanoTime() - start;
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    if (!failures.isEmpty()) {
      System.out.println("  calls not ok: " + failures);
    }
  }

  private static double pct(long[] sortedNanos, double q) {
    return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.round(q * (sortedNanos.length - 1)))] / 1e6;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
