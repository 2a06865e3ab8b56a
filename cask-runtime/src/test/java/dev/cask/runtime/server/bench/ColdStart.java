package dev.cask.runtime.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cold start to {@code tools/list}: launches the server command, writes initialize, initialized and tools/list at
 * once (as a client that starts it does), and measures the wall time until the whole tools/list answer has arrived.
 * Prints min, median and max over the runs.
 *
 * <p>usage: {@code ColdStart RUNS EXPECTED_TOOLS -- command...}
 */
public final class ColdStart {
  /**
   * CPU time (user + system, all threads) the server had used when its tools/list answer arrived, per run of the last
   * {@link #measure}: much less sensitive to other load on the machine than wall time.
   */
  static double[] lastCpuMillis = new double[0];

  /**
   * The server's start-up marks per run of the last {@link #measure} (mark → ms since launch per run), when it was
   * started with {@code -Dcask.startupTimings=true}, and {@code tools/list} for the answer's arrival.
   */
  static Map<String, double[]> lastPhases = Map.of();

  /** What the server prints before the marks (see {@code dev.cask.runtime.StartupTimings}). */
  private static final String MARKS = "start-up marks:";

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    int expectedTools = Integer.parseInt(args[1]);
    List<String> command = Arrays.asList(args).subList(3, args.length);
    System.out.printf("cold start to tools/list (%d runs): %s%n", runs, String.join(" ", command));
    double[] millis = measure(runs, expectedTools, command);
    Arrays.sort(millis);
    System.out.printf(
        "  min %.0f ms, median %.0f ms, max %.0f ms%n", millis[0], millis[millis.length / 2], millis[millis.length - 1]);
  }

  static double[] measure(int runs, int expectedTools, List<String> command) throws Exception {
    String requests =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";
    double[] millis = new double[runs];
    lastCpuMillis = new double[runs];
    double[] cpuMillis = lastCpuMillis;
    Map<String, double[]> phases = new LinkedHashMap<>();
    lastPhases = phases;
    Path stderr = Files.createTempFile("cask-cold-start", ".log");
    for (int run = 0; run < runs; run++) {
      long launched = System.currentTimeMillis();
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(new ArrayList<>(command)).redirectError(stderr.toFile()).start();
      OutputStream in = process.getOutputStream();
      in.write(requests.getBytes(StandardCharsets.UTF_8));
      in.flush();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":2,")) {
          break;
        }
      }
      long end = System.nanoTime();
      long answered = System.currentTimeMillis();
      if (line == null) {
        throw new IllegalStateException("no tools/list answer from " + command);
      }
      int tools = count(line, "\"inputSchema\"");
      if (tools != expectedTools) {
        throw new IllegalStateException("expected " + expectedTools + " tools, got " + tools);
      }
      millis[run] = (end - start) / 1e6;
      cpuMillis[run] =
          process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
      in.close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      recordPhases(Files.readAllLines(stderr), launched, answered, phases, run, runs);
    }
    Files.deleteIfExists(stderr);
    return millis;
  }

  /**
   * Parses the server's {@code start-up marks: name=epochMillis ...} line: for each mark, the ms since launch when it
   * was reached (phases on other threads overlap, so points in time say more than differences), and {@code tools/list}
   * for the arrival of the answer.
   */
  private static void recordPhases(
      List<String> stderr, long launched, long answered, Map<String, double[]> phases, int run, int runs) {
    for (String line : stderr) {
      int at = line.indexOf(MARKS);
      if (at < 0) {
        continue;
      }
      for (String mark : line.substring(at + MARKS.length()).trim().split(" ")) {
        int eq = mark.indexOf('=');
        phases.computeIfAbsent(mark.substring(0, eq), k -> new double[runs])[run] =
            Long.parseLong(mark.substring(eq + 1)) - launched;
      }
      phases.computeIfAbsent("tools/list", k -> new double[runs])[run] = answered - launched;
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
