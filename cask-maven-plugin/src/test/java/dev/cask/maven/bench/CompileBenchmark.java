package dev.cask.maven.bench;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One whole compile of one document in a fresh JVM, as the build does it: import, compile, write. Prints the time of
 * each phase; the bench script wraps it in {@code /usr/bin/time -v} for wall time and peak RSS of the whole process.
 *
 * <p>Usage: {@code CompileBenchmark <document> <output directory>}; {@code -Dcask.operations=GLOB,...} compiles only the
 * operations selected (as the goal's {@code cask.operations}).
 */
public final class CompileBenchmark {
  private CompileBenchmark() {}

  private static List<String> selection() {
    String operations = System.getProperty("cask.operations", "").strip();
    return operations.isEmpty() ? List.of() : List.of(operations.split(","));
  }

  public static void main(String[] args) throws Exception {
    Path document = Path.of(args[0]).toAbsolutePath();
    Path output = Path.of(args[1]).toAbsolutePath();
    long start = System.nanoTime();
    // Progress lines go to stderr with the time since start; warnings are only counted (Graph has thousands).
    AtomicInteger warnings = new AtomicInteger();
    BuildLog log = BuildLog.of(
        line -> System.err.printf(Locale.ROOT, "%6.1f s %s%n", (System.nanoTime() - start) / 1e9, line),
        line -> warnings.incrementAndGet(),
        line -> {});
    Capture capture =
        CaptureImporter.standard()
            .importAll(document.getParent(), List.of(document), ImportSettings.defaults(), log);
    long imported = System.nanoTime();
    CompiledToolpack toolpack =
        new ToolpackCompiler(CompileSettings.of("bench", "1").withOperations(selection()), log).compile(capture);
    long compiled = System.nanoTime();
    ToolpackWriter.writeDirectory(output, toolpack);
    ToolpackWriter.writeZip(output.resolve("bench-toolpack.zip"), toolpack);
    long written = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%s: %d operations, %d tools, %d warnings; import %d ms, compile %d ms, write %d ms; tools.json %.1f MB%n",
        document.getFileName(),
        capture.operations().size(),
        toolpack.tools().tools().size(),
        warnings.get(),
        (imported - start) / 1_000_000,
        (compiled - imported) / 1_000_000,
        (written - compiled) / 1_000_000,
        Files.size(output.resolve("tools.json")) / 1e6);
  }
}
