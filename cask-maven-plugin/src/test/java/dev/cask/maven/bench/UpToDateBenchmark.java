package dev.cask.maven.bench;

import dev.cask.maven.incremental.UpToDateCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The work of a no-op {@code mvn verify} for capture-import and compile: the up-to-date check over a compiled
 * toolpack, in a fresh JVM as Maven's would be. The first call records the run (as the goal does after compiling);
 * each later call times the check and prints whether it found the outputs up to date.
 *
 * <p>Usage: {@code UpToDateBenchmark <document> <toolpack directory> <plugin jar> <runtime jar>}
 */
public final class UpToDateBenchmark {
  private UpToDateBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path document = Path.of(args[0]).toAbsolutePath();
    Path toolpack = Path.of(args[1]).toAbsolutePath();
    SortedMap<String, Path> code = new TreeMap<>();
    code.put("dev.cask:cask-maven-plugin", Path.of(args[2]).toAbsolutePath());
    code.put("dev.cask:cask-runtime", Path.of(args[3]).toAbsolutePath());
    List<Path> outputs;
    try (Stream<Path> files = Files.list(toolpack)) {
      outputs = files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList();
    }
    SortedMap<String, String> settings = new TreeMap<>();
    settings.put("cask.toolpackName", "bench");
    UpToDateCheck check = new UpToDateCheck(toolpack.resolve(".stamp/compile.json"), toolpack,
        new UpToDateCheck.Goal(settings, code, List.of(document), outputs));
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    long start = System.nanoTime();
    String reason = check.staleReason();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpuBefore) / 1_000_000;
    if (reason != null) {
      check.record(List.of());
      System.out.println("recorded (" + reason + ")");
      return;
    }
    long bytes = Files.size(document);
    for (Path output : outputs) {
      bytes += Files.size(output);
    }
    System.out.printf(Locale.ROOT, "up to date: checked %d files, %.1f MB, in %d ms (process CPU time meanwhile %d ms)%n",
        outputs.size() + 1, bytes / 1e6, millis, cpuMillis);
  }
}
