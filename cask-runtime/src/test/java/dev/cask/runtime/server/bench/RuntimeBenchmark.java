package dev.cask.runtime.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.McpHttpClient;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The runtime benchmark (run by {@code src/test/bench/run.sh}, never by {@code verify}): cold start to
 * {@code tools/list} for 1,223 tools, per-call added latency against a direct call to the same local upstream,
 * calls/s with 8 in flight over stdio and with 32 in flight over Streamable HTTP. Every call is a read tool that the
 * benchmark policy ({@link #benchPolicy}) allows with rate limits far above the load, so the figures measure the
 * pipeline, not the rate limiter.
 *
 * <p>usage: {@code RuntimeBenchmark JAR OUT_DIR [CDS_ARCHIVE]}: the server is {@code java -jar JAR serve} on toolpacks
 * signed with the gate's test keys, so the real verifier and the real enforcement pipeline run.
 */
public final class RuntimeBenchmark {
  static final int TOOLS = 1_223;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALL = "{\"name\":\"get_repo\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"bench\"}}";
  /** The same upstream request through the Node peer serving GitHub's description. */
  private static final String PEER_CALL = "{\"name\":\"repos-get\",\"arguments\":{\"owner\":\"octo\",\"repo\":\"bench\"}}";

  private RuntimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    Path cds = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : null;
    int calls = Integer.getInteger("bench.calls", 20_000);
    System.out.printf(Locale.ROOT, "machine: %d cores, load average %s, %s%n",
        Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.vm.version"));

    try (EchoUpstream upstream = EchoUpstream.start()) {
      SignedToolpacks.Signed generated = SignedToolpacks.write(out.resolve("generated"), "generated",
          TestToolpacks.tools(upstream.baseUrl(), TOOLS - 2), SignedToolpacks.benchmark());
      List<String> serve = SignedToolpacks.serveArgs(generated);

      // -Dbench.parts: a comma-separated choice of cold, stdio, http ("calls" = stdio,http); default: all of them.
      Set<String> parts = parts(System.getProperty("bench.parts", "all"));
      boolean cold = parts.contains("cold");
      if (cold) {
        coldStart(jar, cds, serve, "1,223 generated tools (" + size(generated.toolpack()) + " MB tools.json)");
      }
      String github = System.getProperty("bench.githubToolpack");
      if (cold && github != null) {
        ToolSet tools = CaskFiles.readJson(Path.of(github, "tools.json"), "tools.json", ToolSet.class, "recompile");
        SignedToolpacks.Signed signed =
            SignedToolpacks.write(out.resolve("github"), "github", tools.tools(), SignedToolpacks.benchmark());
        Path githubCds = cds == null ? null : cds.resolveSibling("github-" + cds.getFileName());
        coldStart(jar, githubCds, SignedToolpacks.serveArgs(signed),
            "GitHub's 1,223 operations compiled by ToolpackCompiler (" + size(signed.toolpack()) + " MB tools.json)");
        System.out.println("cold start to tools/list, GitHub, read by this harness's buffered line reader: issue 12's"
            + " baseline 1,731-1,811 ms with the launcher");
      }
      if (parts.contains("early")) {
        early(jar, serve, upstream, out);
      }
      if (parts.contains("stdio")) {
        stdio(jar, serve, upstream, calls, out);
      }
      if (parts.contains("http")) {
        http(jar, serve, upstream, calls, out);
      }
    }
  }

  private static Set<String> parts(String spec) {
    Set<String> parts = new java.util.HashSet<>();
    for (String part : spec.split(",")) {
      switch (part.strip()) {
        case "all" -> parts.addAll(List.of("cold", "stdio", "http"));
        case "calls" -> parts.addAll(List.of("stdio", "http"));
        case "cold", "stdio", "http", "early" -> parts.add(part.strip());
        default -> throw new IllegalArgumentException(
            "bench.parts: unknown part '" + part + "' (cold, early, stdio, http, calls, all)");
      }
    }
    return parts;
  }

  private static long size(Path toolpack) throws java.io.IOException {
    return Math.round(Files.size(toolpack.resolve("tools.json")) / 1e6);
  }

  /**
   * Calls before each measurement, so that the JIT has compiled the call path (the figures are steady state):
   * {@code -Dbench.warmup}, default half the measured calls, at least 5,000.
   */
  static int warmup(int calls) {
    return Integer.getInteger("bench.warmup", Math.max(5_000, calls / 2));
  }

  /** The benchmark policy (documented in runtime.md): every read tool allowed, limits far above the load. */
  public static Policy benchPolicy() {
    return SignedToolpacks.benchmark();
  }

  /**
   * JVM flags for the server of the per-call runs, from {@code -Dbench.serverFlags} (space-separated; {@code {}} is
   * replaced by the transport's name), e.g. to record a profile:
   * {@code -Dbench.serverFlags=-XX:StartFlightRecording=settings=/tmp/p.jfc,filename=/tmp/{}.jfr}.
   */
  static List<String> serverFlags(String transport) {
    String flags = System.getProperty("bench.serverFlags", "").strip();
    return flags.isEmpty() ? List.of() : Arrays.stream(flags.split("\\s+")).map(f -> f.replace("{}", transport)).toList();
  }

  /** {@code java [flags] -jar cask-runtime.jar ARGS}: the production entry point, real verifier and pipeline. */
  static List<String> command(Path jar, List<String> jvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  private static void coldStart(Path jar, Path cds, List<String> serve, String what)
      throws Exception {
    int runs = Integer.getInteger("bench.coldRuns", 10);
    List<List<String>> variants = new ArrayList<>();
    variants.add(List.of());
    variants.add(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (cds != null) {
      // Train each archive on the real workload (one serve run that answers tools/list, dumped at exit), with the
      // compiler flags it is used with: a C2-trained archive leaves SHA-256 interpreted under C1 alone (JDK 17).
      Path c1 = cds.resolveSibling("c1-" + cds.getFileName());
      for (Map.Entry<Path, List<String>> archive : Map.of(cds, List.<String>of(),
          c1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).entrySet()) {
        Files.deleteIfExists(archive.getKey());
        List<String> train = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive.getKey(), "-Xlog:disable",
            "-Xlog:all=error:stderr"));
        train.addAll(archive.getValue());
        ColdStart.measure(1, TOOLS, command(jar, train, serve));
      }
      variants.add(List.of("-XX:SharedArchiveFile=" + cds, "-Xlog:disable", "-Xlog:all=warning:stderr"));
      variants.add(List.of("-XX:SharedArchiveFile=" + c1, "-Xlog:disable", "-Xlog:all=warning:stderr",
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }
    Map<String, List<String>> commands = new LinkedHashMap<>();
    for (List<String> flags : variants) {
      commands.put(flags.isEmpty() ? "default JVM flags" : String.join(" ", flags), command(jar, flags, serve));
    }
    // The way the documentation tells stdio clients to start it (the archive shipped beside the jar, C1, SerialGC),
    // and the baseline build's launcher with -Dbench.baselineDir.
    commands.put("the launcher (target/cask-runtime)", launcher(jar.resolveSibling("cask-runtime"), serve));
    baselineLauncher(serve).ifPresent(command -> commands.put("the baseline's launcher", command));
    // The variants take turns, one start each, so that a change in the machine's load reaches all of them alike.
    Map<String, double[]> wall = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    for (int run = 0; run < runs; run++) {
      for (Map.Entry<String, List<String>> variant : commands.entrySet()) {
        wall.computeIfAbsent(variant.getKey(), k -> new double[runs])[run] =
            ColdStart.measure(1, TOOLS, variant.getValue())[0];
        cpu.computeIfAbsent(variant.getKey(), k -> new double[runs])[run] = ColdStart.lastCpuMillis[0];
      }
    }
    for (String variant : commands.keySet()) {
      double[] ms = wall.get(variant);
      double[] cpuMs = cpu.get(variant);
      Arrays.sort(ms);
      Arrays.sort(cpuMs);
      System.out.printf(Locale.ROOT,
          "cold start to tools/list, %s, %s: median %.0f ms wall (min %.0f, max %.0f), median %.0f ms CPU, %d runs%n",
          what, variant, ms[runs / 2], ms[0], ms[runs - 1], cpuMs[runs / 2], runs);
    }
  }

  /**
   * The first calls of a session, as a client that just started the server makes them: a fresh server through the
   * launcher beside the jar ({@code cask-runtime}: the archive, C1), 50 calls, then the p50 of the next 2,000
   * sequential calls; with {@code -Dbench.baselineDir} (a directory with another build's launcher, jar and archive)
   * the two take turns, {@code -Dbench.earlyRounds} fresh servers each (default 5). Every call is audited. With
   * {@code -Dbench.peer} (the Node peer's {@code bin/mcp-server.js}), {@code -Dbench.node} and
   * {@code -Dbench.peerSpec} (GitHub's description) the peer takes its turn too, pointed at the same upstream: its
   * {@code repos-get} sends the same {@code GET /repos/octo/bench} as Cask's {@code get_repo}. The first server of
   * each then makes {@link #WARM_UP_CALLS} more calls and the p50 of 5,000 after them is its warm figure. Each fresh
   * server also makes 2,000 calls with 8 in flight after its sequential ones (the early calls/s), and the first of each
   * 20,000 more at the end (the warm calls/s); direct requests to the upstream with 8 in flight are the floor.
   */
  private static void early(Path jar, List<String> serve, EchoUpstream upstream, Path out) throws Exception {
    Map<String, List<String>> servers = new LinkedHashMap<>();
    servers.put("cask", launcher(jar.resolveSibling("cask-runtime"), serve));
    // What a user who skips the launcher gets: no archive, the JVM's default flags (the 1.87 ms).
    servers.put("cask, plain java -jar", command(jar, List.of(), serve));
    baselineLauncher(serve).ifPresent(command -> servers.put("cask-baseline", command));
    String peer = System.getProperty("bench.peer");
    if (peer != null) {
      servers.put("peer", List.of(System.getProperty("bench.node", "node"), peer, "--api-base-url", upstream.baseUrl(),
          "--openapi-spec", System.getProperty("bench.peerSpec"), "--verbose", "false"));
    }
    int rounds = Integer.getInteger("bench.earlyRounds", 5);
    Map<String, double[]> p50s = new LinkedHashMap<>();
    Map<String, double[]> earlyRates = new LinkedHashMap<>();
    Map<String, long[]> warm = new LinkedHashMap<>();
    Map<String, Double> warmRates = new LinkedHashMap<>();
    String loadBefore = loadAverage();
    // The harness's own code is compiled first, on a server whose figures are dropped: otherwise the first server
    // measured pays for it (its 8-in-flight figure came out 3,000-3,500 instead of 4,600-5,000 calls/s, whichever
    // build went first).
    try (StdioClient client = new StdioClient(servers.get("cask"), out.resolve("early-server.log"))) {
      timedCalls(client, CALL, 2_000);
      callsPerSecond(client, CALL, 8, 4_000);
    }
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, List<String>> server : servers.entrySet()) {
        String call = server.getKey().equals("peer") ? PEER_CALL : CALL;
        try (StdioClient client = new StdioClient(server.getValue(), out.resolve("early-server.log"))) {
          for (int i = 0; i < 50; i++) {
            check(client.request("tools/call", call).get(60, TimeUnit.SECONDS));
          }
          long[] nanos = timedCalls(client, call, 2_000);
          p50s.computeIfAbsent(server.getKey(), k -> new double[rounds])[round] = pct(nanos, 0.50);
          earlyRates.computeIfAbsent(server.getKey(), k -> new double[rounds])[round] =
              callsPerSecond(client, call, 8, 2_000);
          if (round == 0) {
            warm.put(server.getKey(), warmCalls(client, call));
            warmRates.put(server.getKey(), callsPerSecond(client, call, 8, 20_000));
          }
        }
      }
    }
    long[] direct = directCalls(upstream, 2_000);
    Arrays.sort(direct);
    System.out.printf(Locale.ROOT, "direct HTTP calls to the same upstream, 8 in flight (the floor): %.0f calls/s of"
        + " 20,000; issue 12's baseline: 8,261-11,617%n", directPerSecond(upstream, 8, 20_000));
    for (Map.Entry<String, double[]> variant : p50s.entrySet()) {
      double[] values = variant.getValue().clone();
      Arrays.sort(values);
      System.out.printf(Locale.ROOT, "early calls over stdio (%s, fresh server, 50 calls, then 2,000 sequential):"
              + " p50 %.3f ms (median of %d servers; min %.3f, max %.3f); direct HTTP call p50 %.3f ms; issue 12's"
              + " baseline: 1.02 ms (plain java -jar 1.87 ms; peer 0.81-0.87; direct 0.17-0.29); load average"
              + " before: %s, after: %s%n", variant.getKey(), values[rounds / 2], rounds, values[0],
          values[rounds - 1], pct(direct, 0.50), loadBefore, loadAverage());
    }
    for (Map.Entry<String, double[]> variant : earlyRates.entrySet()) {
      double[] values = variant.getValue().clone();
      Arrays.sort(values);
      System.out.printf(Locale.ROOT, "early calls over stdio, 8 in flight (%s, the same fresh servers, the next 2,000"
              + " calls): %.0f calls/s (median of %d servers; min %.0f, max %.0f); issue 12's baseline: 3,625-4,102"
              + " (peer 3,815-3,998)%n", variant.getKey(), values[rounds / 2], rounds, values[0], values[rounds - 1]);
    }
    for (Map.Entry<String, long[]> variant : warm.entrySet()) {
      System.out.printf(Locale.ROOT, "warm calls over stdio (%s, the first server of the run, after %,d more calls):"
              + " p50 %.3f ms, p99 %.3f ms of %,d sequential calls; then 8 in flight: %.0f calls/s of 20,000;"
              + " issue 12's baseline: p50 0.224 ms (peer 0.341), 5,670 calls/s (peer 4,158)%n", variant.getKey(),
          WARM_UP_CALLS, pct(variant.getValue(), 0.50), pct(variant.getValue(), 0.99), variant.getValue().length,
          warmRates.get(variant.getKey()));
    }
  }

  private static final int WARM_UP_CALLS = 20_000;

  /** After the early calls: {@link #WARM_UP_CALLS} more, then 5,000 sequential calls timed (sorted nanoseconds). */
  private static long[] warmCalls(StdioClient client, String call) throws Exception {
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      check(client.request("tools/call", call).get(10, TimeUnit.SECONDS));
    }
    return timedCalls(client, call, 5_000);
  }

  /** {@code n} sequential calls, each timed from request to checked answer; sorted nanoseconds. */
  private static long[] timedCalls(StdioClient client, String call, int n) throws Exception {
    long[] nanos = new long[n];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      JsonNode answer = client.request("tools/call", call).get(10, TimeUnit.SECONDS);
      nanos[i] = System.nanoTime() - start;
      check(answer);
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /** {@code sh LAUNCHER serve ARGS}: the server as the launcher beside a build's jar starts it. */
  /** The launcher of the build in {@code -Dbench.baselineDir}, if one is given. */
  private static java.util.Optional<List<String>> baselineLauncher(List<String> serve) {
    return java.util.Optional.ofNullable(System.getProperty("bench.baselineDir"))
        .map(baseline -> launcher(Path.of(baseline, "cask-runtime"), serve));
  }

  private static List<String> launcher(Path launcher, List<String> serve) {
    List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(serve);
    return command;
  }

  private static void stdio(Path jar, List<String> serve, EchoUpstream upstream, int calls, Path out)
      throws Exception {
    try (StdioClient client = new StdioClient(command(jar, serverFlags("stdio"), serve), out.resolve("stdio-server.log"))) {
      inFlight(client, 8, warmup(calls)); // warm-up (JIT)
      int sequential = Math.min(calls, 5_000);
      long[] viaCask = new long[sequential];
      for (int i = 0; i < sequential; i++) {
        long start = System.nanoTime();
        JsonNode answer = client.request("tools/call", CALL).get(10, TimeUnit.SECONDS);
        viaCask[i] = System.nanoTime() - start;
        check(answer);
      }
      long[] direct = directCalls(upstream, sequential);
      Arrays.sort(viaCask);
      Arrays.sort(direct);
      double p50 = pct(viaCask, 0.50);
      double p99 = pct(viaCask, 0.99);
      double d50 = pct(direct, 0.50);
      double d99 = pct(direct, 0.99);
      System.out.printf(Locale.ROOT,
          "per call over stdio, sequential, %d calls: p50 %.3f ms, p99 %.3f ms; direct HTTP call to the same upstream:"
              + " p50 %.3f ms, p99 %.3f ms; added by Cask: p50 %.3f ms, p99 %.3f ms%n",
          sequential, p50, p99, d50, d99, p50 - d50, p99 - d99);
      CpuTimes cpu = new CpuTimes(client.process());
      long start = System.nanoTime();
      inFlight(client, 8, calls);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "stdio, 8 in flight: %d calls in %.2f s = %.0f calls/s; %s%n", calls, seconds,
          calls / seconds, cpu.perCall(calls));
    }
  }

  private static void inFlight(StdioClient client, int window, int calls) throws Exception {
    inFlight(client, CALL, window, calls);
  }

  /** {@code calls} calls with {@code window} in flight; calls/s. */
  private static double callsPerSecond(StdioClient client, String call, int window, int calls) throws Exception {
    long start = System.nanoTime();
    inFlight(client, call, window, calls);
    return calls / ((System.nanoTime() - start) / 1e9);
  }

  private static void inFlight(StdioClient client, String call, int window, int calls) throws Exception {
    Semaphore slots = new Semaphore(window);
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<JsonNode>> last = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      if (!slots.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no answer for 60 s after " + i + " calls: the server stopped answering");
      }
      CompletableFuture<JsonNode> f = client.request("tools/call", call);
      f.whenComplete((answer, error) -> {
        if (error != null || !answer.has("result") || answer.at("/result/isError").asBoolean(false)) {
          failures.incrementAndGet();
        }
        slots.release();
      });
      if (i >= calls - window) {
        last.add(f);
      }
    }
    if (!slots.tryAcquire(window, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no answer for 60 s to the last calls: the server stopped answering");
    }
    slots.release(window);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " calls failed");
    }
  }

  /** Calls/s of direct requests to the upstream with {@code window} in flight, after as many to warm up. */
  private static double directPerSecond(EchoUpstream upstream, int window, int calls) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/repos/octo/bench")).build();
    Predicate<HttpResponse<String>> echoed = response -> response.statusCode() == 200;
    runHttp(http, window, calls, i -> request, echoed);
    long start = System.nanoTime();
    runHttp(http, window, calls, i -> request, echoed);
    return calls / ((System.nanoTime() - start) / 1e9);
  }

  private static long[] directCalls(EchoUpstream upstream, int n) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/repos/octo/bench")).build();
    for (int i = 0; i < 2_000; i++) {
      http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JSON.readTree(response.body());
      times[i] = System.nanoTime() - start;
    }
    return times;
  }

  /**
   * Calls/s over Streamable HTTP with 32 in flight, then the floor of this harness: the same client making the
   * same number of direct calls to the upstream with as many in flight (what no server in between can beat here).
   * With {@code -Dbench.baselineDir} the baseline's jar takes turns with this one, {@code -Dbench.httpRounds} rounds
   * (default 3; 1 without a baseline). With {@code -Dbench.peer} (see {@link #early}) the Node peer takes its turn
   * too, over its own Streamable HTTP transport, pointed at the same upstream.
   */
  private static void http(Path jar, List<String> serve, EchoUpstream upstream, int calls, Path out) throws Exception {
    Map<String, Path> jars = new LinkedHashMap<>();
    jars.put("this build", jar);
    String baseline = System.getProperty("bench.baselineDir");
    if (baseline != null) {
      jars.put("baseline", Path.of(baseline, "cask-runtime.jar"));
    }
    String peer = System.getProperty("bench.peer");
    int rounds = Integer.getInteger("bench.httpRounds", baseline == null && peer == null ? 1 : 3);
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, Path> build : jars.entrySet()) {
        System.out.printf(Locale.ROOT, "[%s, round %d of %d, load average %s]%n", build.getKey(), round, rounds,
            loadAverage());
        httpCalls(build.getValue(), serve, upstream, calls, out);
      }
      if (peer != null) {
        System.out.printf(Locale.ROOT, "[peer, round %d of %d, load average %s]%n", round, rounds, loadAverage());
        peerHttpCalls(peer, upstream, calls, out);
      }
    }
  }

  /** The Node peer's Streamable HTTP transport, the same calls with as many in flight ({@link PeerHttpSession}). */
  private static void peerHttpCalls(String peer, EchoUpstream upstream, int calls, Path out) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process server = new ProcessBuilder(System.getProperty("bench.node", "node"), peer, "--transport", "http",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--api-base-url", upstream.baseUrl(),
        "--openapi-spec", System.getProperty("bench.peerSpec"), "--verbose", "false")
        .redirectErrorStream(true).redirectOutput(out.resolve("http-peer.log").toFile()).start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (PeerHttpSession session = PeerHttpSession.open(http, URI.create("http://127.0.0.1:" + port + "/mcp"))) {
      int threads = Integer.getInteger("bench.httpInFlight", 32);
      runHttp(threads, warmup(calls), i -> session.call(PEER_CALL)); // warm-up
      CpuTimes cpu = new CpuTimes(server);
      long start = System.nanoTime();
      runHttp(threads, calls, i -> session.call(PEER_CALL));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "Streamable HTTP (peer), %d in flight: %d calls in %.2f s = %.0f calls/s; %s%n",
          threads, calls, seconds, calls / seconds, cpu.perCall(calls));
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void httpCalls(Path jar, List<String> serve, EchoUpstream upstream, int calls, Path out) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    String token = "bench-token-0123456789abcdef0123456789abcdef";
    List<String> args = new ArrayList<>(serve);
    args.addAll(List.of("--http", "127.0.0.1:" + port));
    ProcessBuilder builder =
        new ProcessBuilder(command(jar, serverFlags("http"), args)).redirectErrorStream(true)
            .redirectOutput(out.resolve("http-server.log").toFile());
    builder.environment().put("CASK_HTTP_TOKEN", token);
    Process server = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI mcp = URI.create("http://127.0.0.1:" + port + "/mcp");
      String session = null;
      for (int attempt = 0; attempt < 300 && session == null; attempt++) {
        try {
          HttpResponse<String> init =
              http.send(McpHttpClient.post(mcp, token, null,
                  "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                      + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}"),
                  HttpResponse.BodyHandlers.ofString());
          session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
      String id = session;
      http.send(McpHttpClient.post(mcp, token, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
          HttpResponse.BodyHandlers.ofString());
      int threads = Integer.getInteger("bench.httpInFlight", 32);
      IntFunction<HttpRequest> toolCall = i -> McpHttpClient.post(mcp, token, id,
          "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 10) + ",\"method\":\"tools/call\",\"params\":" + CALL + "}");
      Predicate<HttpResponse<String>> answered =
          response -> response.statusCode() == 200 && response.body().contains("\"isError\":false");
      runHttp(http, threads, warmup(calls), toolCall, answered); // warm-up
      CpuTimes cpu = new CpuTimes(server);
      long start = System.nanoTime();
      runHttp(http, threads, calls, toolCall, answered);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "Streamable HTTP, %d in flight: %d calls in %.2f s = %.0f calls/s; %s; issue 12's baseline:"
          + " 2,325 calls/s%n", threads, calls,
          seconds, calls / seconds, cpu.perCall(calls));

      HttpRequest direct = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/repos/octo/bench")).build();
      Predicate<HttpResponse<String>> echoed = response -> response.statusCode() == 200;
      runHttp(http, threads, warmup(calls), i -> direct, echoed); // warm-up
      CpuTimes harness = new CpuTimes(server);
      start = System.nanoTime();
      runHttp(http, threads, calls, i -> direct, echoed);
      seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "direct HTTP calls to the upstream, %d in flight (this harness's floor): %d calls in"
          + " %.2f s = %.0f calls/s; %s%n", threads, calls, seconds, calls / seconds, harness.perCall(calls));
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** One call of a run: true when it was answered as it should be. */
  private interface Call {
    boolean make(int i) throws Exception;
  }

  private static void runHttp(HttpClient http, int threads, int calls, IntFunction<HttpRequest> request,
      Predicate<HttpResponse<String>> ok) throws Exception {
    runHttp(threads, calls, i -> ok.test(http.send(request.apply(i), HttpResponse.BodyHandlers.ofString())));
  }

  /** {@code calls} calls made by {@code threads} threads, each making its next call once the last one is answered. */
  private static void runHttp(int threads, int calls, Call call) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < calls) {
          try {
            if (!call.make(i)) {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " HTTP calls failed");
    }
  }

  /** A tool result that is not an error ({@code isError} may be left out: MCP's default is false). */
  private static void check(JsonNode answer) {
    if (!answer.has("result") || answer.at("/result/isError").asBoolean(false)) {
      throw new IllegalStateException("call failed: " + answer);
    }
  }

  /**
   * CPU time used during a run, per call: by the server process, and by this JVM (the client and the local upstream).
   * On a shared machine this says more than calls/s, which other processes' load also moves.
   */
  private static final class CpuTimes {
    private final ProcessHandle server;
    private final long serverStart;
    private final long benchStart;

    CpuTimes(Process server) {
      this.server = server.toHandle();
      this.serverStart = serverCpu();
      this.benchStart = benchCpu();
    }

    String perCall(int calls) {
      return String.format(Locale.ROOT, "CPU per call: server %.0f us, client and upstream %.0f us",
          (serverCpu() - serverStart) / 1e3 / calls, (benchCpu() - benchStart) / 1e3 / calls);
    }

    private long serverCpu() {
      return server.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long benchCpu() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
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
