package dev.cask.runtime.server.bench;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.server.clients.ApprovedToolpacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start to the {@code tools/list} answer of GitHub's toolpack (1,223 tools, compiled with its toolsets and approved
 * with them), served whole and with {@code --toolset readonly}, the two taking turns, one start each: a small toolset of
 * a large toolpack must not start slower. Not a test; run by {@code cask-maven-plugin/src/test/bench/toolset-startup.sh}.
 *
 * <p>usage: {@code ToolsetStartupBenchmark RUNTIME_JAR OUT_DIR api.github.com.json} with {@code -Dbench.coldRuns=N}
 * (default 11) and {@code -Dbench.flags=launcher|default} (default launcher: the flags of the {@code cask-runtime}
 * launcher, the archive beside the jar included).
 */
public final class ToolsetStartupBenchmark {
  private ToolsetStartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    Path github = Path.of(args[2]).toAbsolutePath();
    int runs = Integer.getInteger("bench.coldRuns", 11);
    BuildLog log = BuildLog.of(line -> {}, System.err::println, line -> {});
    Capture capture = CaptureImporter.standard().importAll(github.getParent(), List.of(github), ImportSettings.defaults(), log);
    CompiledToolpack compiled = new ToolpackCompiler(CompileSettings.of("github", "1.0.0"), log).compile(capture);
    List<String> serve = ApprovedToolpacks.approveAll(out.resolve("github"), compiled, out.resolve("audit/audit.jsonl"));
    int all = compiled.tools().tools().size();
    int readonly = compiled.toolsets().toolset("readonly").orElseThrow().tools().size();

    List<String> flags = System.getProperty("bench.flags", "launcher").equals("default") ? List.of()
        : List.of("-XX:SharedArchiveFile=" + jar.resolveSibling("cask-runtime.jsa"), "-Xshare:auto", "-Xlog:disable",
            "-Xlog:all=warning:stderr", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn32m",
            "-XX:SurvivorRatio=2");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("all " + all + " tools", serve);
    List<String> narrowed = new ArrayList<>(serve);
    narrowed.addAll(List.of("--toolset", "readonly"));
    variants.put("--toolset readonly (" + readonly + " tools)", narrowed);
    Map<String, Integer> expected = Map.of("all " + all + " tools", all, "--toolset readonly (" + readonly + " tools)", readonly);

    Map<String, double[]> wall = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    variants.keySet().forEach(name -> {
      wall.put(name, new double[runs]);
      cpu.put(name, new double[runs]);
    });
    String before = StartupBenchmark.loadAverage();
    ColdStart.measure(1, all, RuntimeBenchmark.command(jar, flags, serve)); // warms the file cache
    for (int run = 0; run < runs; run++) {
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        double[] ms = ColdStart.measure(1, expected.get(variant.getKey()), RuntimeBenchmark.command(jar, flags, variant.getValue()));
        wall.get(variant.getKey())[run] = ms[0];
        cpu.get(variant.getKey())[run] = ColdStart.lastCpuMillis[0];
      }
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, %s; flags: %s; %d starts each, taking turns; load average before: %s,"
            + " after: %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
        flags.isEmpty() ? "default" : String.join(" ", flags), runs, before, StartupBenchmark.loadAverage());
    for (String name : variants.keySet()) {
      double[] w = wall.get(name);
      double[] c = cpu.get(name);
      Arrays.sort(w);
      Arrays.sort(c);
      System.out.printf(Locale.ROOT, "GitHub, %s: median %.0f ms wall (min %.0f, max %.0f), median %.0f ms CPU%n",
          name, w[runs / 2], w[0], w[runs - 1], c[runs / 2]);
    }
  }
}
