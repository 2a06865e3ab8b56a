package dev.cask.maven.bench;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles one API description into a toolpack directory, for the runtime benchmark (GitHub's 1,223 operations):
 * {@code CompileToolpack NAME INPUT OUT_DIR}. Not a test; run by {@code cask-runtime/src/test/bench/run.sh}.
 */
public final class CompileToolpack {
  private CompileToolpack() {}

  public static void main(String[] args) {
    BuildLog log = BuildLog.of(System.err::println, System.err::println, line -> {});
    Path input = Path.of(args[1]).toAbsolutePath();
    Capture capture =
        CaptureImporter.standard().importAll(input.getParent(), List.of(input), ImportSettings.defaults(), log);
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of(args[0], "1.0.0"), log).compile(capture);
    ToolpackWriter.writeDirectory(Path.of(args[2]), toolpack);
    System.err.println("compiled " + capture.operations().size() + " operations into " + args[2]);
  }
}
