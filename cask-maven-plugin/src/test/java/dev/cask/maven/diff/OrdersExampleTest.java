package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.report.Golden;
import dev.cask.maven.report.ReportContext;
import dev.cask.maven.report.Reports;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realistic example: a new admin endpoint, a description rewrite and a new required parameter, compiled by the
 * real compiler. Its diff.md is a golden file (and the example the documentation shows); the toolpacks of the cask-it
 * projects are produced the same way and checked here, so they cannot go stale.
 */
class OrdersExampleTest {
  private static final List<String> FILES = List.of(CompiledToolpack.TOOLS, CompiledToolpack.POLICY, CompiledToolpack.CAPTURE);

  @Test
  void theRealisticChangeFailsAtHighAndAtCritical() {
    ToolpackDiff diff = ToolpackDiffer.diff(OrdersExample.snapshot("target/base", OrdersExample.NewEndpoint.NONE),
        OrdersExample.snapshot("target/cask", OrdersExample.NewEndpoint.ADMIN_REFUND), null, Severity.HIGH);
    assertThat(diff.failing()).extracting(c -> c.rule().id())
        .containsExactlyInAnyOrder("tool-added", "description-changed", "input-added-required");
    assertThat(diff.failing().get(0).severity()).isEqualTo(Severity.CRITICAL);
    Map<String, byte[]> files = Reports.render(diff, ReportContext.of("cask.lock.yaml"));
    Golden.assertMatches("diff/golden/realistic/diff.md", files.get("diff.md"));
  }

  @Test
  void theItChangeFailsAtHighButPassesAtCritical() {
    ToolpackSnapshot approved = OrdersExample.snapshot("approved", OrdersExample.NewEndpoint.NONE);
    ToolpackSnapshot proposed = OrdersExample.snapshot("current", OrdersExample.NewEndpoint.NOTES);
    assertThat(ToolpackDiffer.diff(approved, proposed, null, Severity.HIGH).failed()).isTrue();
    assertThat(ToolpackDiffer.diff(approved, proposed, null, Severity.CRITICAL).failed()).isFalse();
  }

  @Test
  void theCaskItToolpacksAreWhatTheCompilerProduces() {
    CompiledToolpack approved = OrdersExample.compile(OrdersExample.NewEndpoint.NONE);
    CompiledToolpack current = OrdersExample.compile(OrdersExample.NewEndpoint.NOTES);
    for (String project : List.of("diff-fails-at-high", "diff-passes-at-critical")) {
      for (String file : FILES) {
        Golden.assertMatches("../../../../cask-it/src/it/" + project + "/src/cask/approved/" + file, approved.files().get(file));
        Golden.assertMatches("../../../../cask-it/src/it/" + project + "/src/cask/current/" + file, current.files().get(file));
      }
    }
  }
}
