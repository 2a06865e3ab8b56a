package dev.cask.runtime.server.bench;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start to {@code tools/list} only (run by {@code src/test/bench/startup.sh}, never by {@code verify}): the
 * generated 1,223-tool toolpack and, when given, GitHub's compiled toolpack, each signed with the gate's test keys and
 * served by {@code java -jar cask-runtime.jar serve} (real verifier, real pipeline), under the JVM flag variants that
 * matter: default, C1 + SerialGC (with and without a young generation large enough for start-up), the archive shipped
 * beside the jar (built by {@code train}) alone and with the launcher's flags ({@code target/cask-runtime}), and an
 * archive trained on that very toolpack. Each variant prints the load average, wall and CPU medians, and when the
 * server reached each start-up mark it reports with {@code -Dcask.startupTimings=true} (median ms since launch).
 *
 * <p>usage: {@code StartupBenchmark JAR OUT_DIR} with {@code -Dbench.githubToolpack=DIR} (GitHub's compiled
 * toolpack), {@code -Dbench.coldRuns=N} (default 11), {@code -Dbench.variants=default,c1,...} (any of default, c1,
 * c1-young, shipped, recommended, trained), {@code -Dbench.baselineJar=JAR} (also run every variant on another build,
 * with the archive beside that jar, as {@code base-<variant>}: an A/B comparison) and {@code -Dbench.toolpacks=generated,github} (which
 * toolpacks), {@code -Dbench.sequential=true}
 * (all starts of one variant, then the next; by default the variants take turns, one start each, so that changing load
 * on a shared machine hits them alike).
 */
public final class StartupBenchmark {
  private static final String C1 = "-XX:TieredStopAtLevel=1";
  private static final String SERIAL = "-XX:+UseSerialGC";
  private static final String YOUNG = "-Xmn32m"; // the launcher's default (CASK_YOUNG_GEN)
  private static final String SURVIVORS = "-XX:SurvivorRatio=2"; // the launcher's
  private static final String LOGS = "-Xlog:disable";
  private static final String LOG_WARNINGS = "-Xlog:all=warning:stderr";

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int runs = Integer.getInteger("bench.coldRuns", 11);
    List<String> wanted = Arrays.asList(System.getProperty("bench.variants", "default,c1,c1-young,shipped,recommended,trained").split(","));
    System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));

    Map<String, SignedToolpacks.Signed> toolpacks = new LinkedHashMap<>();
    toolpacks.put("generated", SignedToolpacks.write(out.resolve("generated"), "generated",
        TestToolpacks.tools("http://127.0.0.1:9", RuntimeBenchmark.TOOLS - 2), SignedToolpacks.benchmark()));
    String github = System.getProperty("bench.githubToolpack");
    if (github != null) {
      ToolSet tools = CaskFiles.readJson(Path.of(github, "tools.json"), "tools.json", ToolSet.class, "recompile");
      toolpacks.put("github", SignedToolpacks.write(out.resolve("github"), "github", tools.tools(), SignedToolpacks.benchmark()));
    }
    Path shipped = jar.resolveSibling("cask-runtime.jsa");
    List<String> only = Arrays.asList(System.getProperty("bench.toolpacks", "generated,github").split(","));
    for (Map.Entry<String, SignedToolpacks.Signed> toolpack : toolpacks.entrySet()) {
      if (!only.contains(toolpack.getKey())) {
        continue;
      }
      SignedToolpacks.Signed signed = toolpack.getValue();
      String what = toolpack.getKey() + " (" + Math.round(Files.size(signed.toolpack().resolve("tools.json")) / 1e6)
          + " MB tools.json)";
      List<String> serve = SignedToolpacks.serveArgs(signed);
      Map<String, List<String>> variants = new LinkedHashMap<>();
      variants.put("default", List.of());
      variants.put("c1", List.of(C1, SERIAL));
      variants.put("c1-young", List.of(C1, SERIAL, YOUNG, SURVIVORS));
      if (Files.isRegularFile(shipped)) {
        variants.put("shipped", List.of("-XX:SharedArchiveFile=" + shipped, LOGS, LOG_WARNINGS, C1, SERIAL));
        // What the launcher (target/cask-runtime) runs: the shipped archive, C1, SerialGC, a large young generation.
        variants.put("recommended", List.of("-XX:SharedArchiveFile=" + shipped, LOGS, LOG_WARNINGS, C1, SERIAL, YOUNG, SURVIVORS));
      }
      Path trained = out.resolve(toolpack.getKey() + ".jsa");
      // A/B: the same variants of a baseline jar (with its own archives), named "base-<variant>".
      String baseline = System.getProperty("bench.baselineJar");
      Path baseTrained = out.resolve(toolpack.getKey() + "-base.jsa");
      if (wanted.contains("trained")) {
        Files.deleteIfExists(trained);
        ColdStart.measure(1, RuntimeBenchmark.TOOLS, RuntimeBenchmark.command(jar,
            List.of("-XX:ArchiveClassesAtExit=" + trained, LOGS, "-Xlog:all=error:stderr", C1, SERIAL), serve));
        variants.put("trained", List.of("-XX:SharedArchiveFile=" + trained, LOGS, LOG_WARNINGS, C1, SERIAL, YOUNG, SURVIVORS));
        if (baseline != null) {
          Files.deleteIfExists(baseTrained);
          ColdStart.measure(1, RuntimeBenchmark.TOOLS, RuntimeBenchmark.command(Path.of(baseline).toAbsolutePath(),
              List.of("-XX:ArchiveClassesAtExit=" + baseTrained, LOGS, "-Xlog:all=error:stderr", C1, SERIAL), serve));
        }
      }
      Map<String, Path> jars = new LinkedHashMap<>();
      Map<String, List<String>> all = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        if (!wanted.contains(variant.getKey())) {
          continue;
        }
        if (baseline != null) {
          Path base = Path.of(baseline).toAbsolutePath();
          List<String> flags = new ArrayList<>();
          for (String flag : variant.getValue()) {
            if (flag.equals("-XX:SharedArchiveFile=" + shipped)) {
              flags.add("-XX:SharedArchiveFile=" + base.resolveSibling("cask-runtime.jsa"));
            } else if (flag.equals("-XX:SharedArchiveFile=" + trained)) {
              flags.add("-XX:SharedArchiveFile=" + baseTrained);
            } else {
              flags.add(flag);
            }
          }
          all.put("base-" + variant.getKey(), flags);
          jars.put("base-" + variant.getKey(), base);
        }
        all.put(variant.getKey(), variant.getValue());
        jars.put(variant.getKey(), jar);
      }
      // Interleaved (default): one start of each variant in turn, so a change of load hits all of them alike.
      boolean interleave = !Boolean.getBoolean("bench.sequential");
      Map<String, Result> results = new LinkedHashMap<>();
      for (int round = 0; round < (interleave ? runs : 1); round++) {
        for (Map.Entry<String, List<String>> variant : all.entrySet()) {
          List<String> flags = new ArrayList<>(variant.getValue());
          flags.add("-Dcask.startupTimings=true");
          Result result = results.computeIfAbsent(variant.getKey(), k -> new Result(runs));
          if (result.load == null) {
            result.load = loadAverage();
          }
          int count = interleave ? 1 : runs;
          double[] ms = ColdStart.measure(count, RuntimeBenchmark.TOOLS,
              RuntimeBenchmark.command(jars.get(variant.getKey()), flags, serve));
          for (int i = 0; i < count; i++) {
            result.add(ms[i], ColdStart.lastCpuMillis[i], ColdStart.lastPhases, i);
          }
        }
      }
      for (Map.Entry<String, Result> variant : results.entrySet()) {
        Result result = variant.getValue();
        String load = result.load + " / after: " + loadAverage();
        double[] ms = result.wall;
        double[] cpu = result.cpu;
        Map<String, double[]> phases = result.phases;
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s, %s [%s]: median %.0f ms wall (min %.0f, max %.0f), median %.0f ms CPU, %d runs;"
                + " load average before: %s%n",
            what, variant.getKey(), String.join(" ", all.get(variant.getKey())), ms[runs / 2], ms[0], ms[runs - 1], cpu[runs / 2],
            runs, load);
        if (!phases.isEmpty()) {
          // Marks in the order of their medians: main thread and the gate-file thread interleave.
          StringBuilder line = new StringBuilder("    reached at (median ms since launch):");
          phases.entrySet().stream()
              .map(e -> Map.entry(e.getKey(), median(e.getValue())))
              .sorted(Map.Entry.comparingByValue())
              .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f;", e.getKey(), e.getValue())));
          System.out.println(line);
        }
      }
    }
  }

  /** One variant's figures, gathered run by run. */
  private static final class Result {
    final double[] wall;
    final double[] cpu;
    final Map<String, double[]> phases = new LinkedHashMap<>();
    int next;
    String load;

    Result(int runs) {
      wall = new double[runs];
      cpu = new double[runs];
    }

    void add(double ms, double cpuMs, Map<String, double[]> marks, int index) {
      for (Map.Entry<String, double[]> mark : marks.entrySet()) {
        phases.computeIfAbsent(mark.getKey(), k -> new double[wall.length])[next] = mark.getValue()[index];
      }
      wall[next] = ms;
      cpu[next] = cpuMs;
      next++;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
