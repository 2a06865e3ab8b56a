package dev.cask.maven.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cask:gate-status shows the operations the build left out, so a reviewer sees what the toolpack is missing. */
class StatusLeftOutTest {
  @TempDir Path project;

  @Test
  void statusListsEveryOperationLeftOut() {
    Path spec = GeneratedShapes.partlyUnsound(project.resolve("src/main/cask"), "api.yaml", false);
    var capture = CaptureImporter.standard().importAll(project, List.of(spec), ImportSettings.defaults(), BuildLog.silent());
    ToolpackWriter.writeDirectory(project.resolve("target/cask"),
        new ToolpackCompiler(CompileSettings.of("partly", "1"), BuildLog.silent()).compile(capture));
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    List<String> lines = StatusTable.lines(new GateCheck(clock, BuildLog.silent()).verify(GateSettings.of(project)));

    assertThat(lines).contains("left out: 5 operation(s) of the sources have no tool (toolpack.yaml leftOut):");
    assertThat(lines).contains("  src/main/cask/api.yaml#/paths/~1notes/get/parameters/0 (GET /notes): parameter has no name."
        + " Fix: add the parameter's name");
    assertThat(lines).noneMatch(line -> line.contains("/v1/{parent}"));
  }
}
