package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cask:diff reports an operation newly left out of the toolpack, and one the baseline left out that compiles now. */
class LeftOutDiffTest {
  @TempDir Path dir;

  private static ToolpackSnapshot snapshot(Path file, String label) {
    var capture = CaptureImporter.standard().importAll(file.getParent(), List.of(file), ImportSettings.defaults(), BuildLog.silent());
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("partly", "1"), BuildLog.silent()).compile(capture);
    return new ToolpackSnapshot(label, toolpack.tools(), toolpack.policy(), null, toolpack.capture());
  }

  @Test
  void newlyLeftOutAndNewlyCompiledOperationsAreReported() throws Exception {
    Path before = GeneratedShapes.partlyUnsound(dir.resolve("before"), "api.yaml", false);
    Path after = GeneratedShapes.write(dir.resolve("after/api.yaml"), Files.readString(before)
        .replace("- {in: query, schema: {type: string}}", "- {name: cursor, in: query, schema: {type: string}}")
        .replace("operationId: getHealth", "operationId: getHealth\n      parameters: [{in: header, schema: {type: string}}]"));

    ToolpackDiff diff = ToolpackDiffer.diff(snapshot(before, "base"), snapshot(after, "head"), null, Severity.HIGH);

    assertThat(diff.toolpackChanges()).filteredOn(c -> c.rule() == ChangeRule.OPERATION_LEFT_OUT)
        .singleElement().satisfies(change -> {
          assertThat(change.subject()).isEqualTo("GET /health");
          assertThat(change.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(change.detail()).startsWith("api.yaml#/paths/~1health/get/parameters/0: parameter has no name");
        });
    assertThat(diff.toolpackChanges()).filteredOn(c -> c.rule() == ChangeRule.OPERATION_COMPILED)
        .extracting(Change::subject).containsExactly("GET /notes");
    assertThat(diff.tools()).filteredOn(t -> t.status() == ToolStatus.REMOVED).extracting(ToolDiff::name)
        .containsExactly("get_health");
  }

  @Test
  void withoutABaselineEveryLeftOutOperationIsReportedAtLowSeverity() {
    Path file = GeneratedShapes.partlyUnsound(dir, "api.yaml", false);

    ToolpackDiff diff = ToolpackDiffer.diff(null, snapshot(file, "head"), null, Severity.HIGH);

    assertThat(diff.toolpackChanges()).filteredOn(c -> c.rule() == ChangeRule.OPERATION_LEFT_OUT)
        .hasSize(5)
        .allSatisfy(change -> assertThat(change.severity()).isEqualTo(Severity.LOW))
        .noneSatisfy(change -> assertThat(change.subject()).isEqualTo("GET /v1/{parent}"));
  }
}
