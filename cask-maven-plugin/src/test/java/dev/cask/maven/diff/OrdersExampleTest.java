package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.report.Golden;
import dev.cask.maven.report.ReportContext;
import dev.cask.maven.report.Reports;
import dev.cask.maven.report.SourceLineFinder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The realistic example, spec to report: a new admin endpoint, a description rewrite and a new required parameter.
 * Its diff.md is a golden file (the example the documentation shows). The cask-it projects run the same way in a real
 * Maven build.
 */
class OrdersExampleTest {
  @Test
  void theRealisticChangeFailsAtHighAndTheAdminEndpointIsCritical() {
    ToolpackDiff diff = ToolpackDiffer.diff(OrdersExample.snapshot(OrdersExample.APPROVED, "target/cask-base"),
        OrdersExample.snapshot(OrdersExample.PROPOSED, "target/cask"), null, Severity.HIGH);
    assertThat(diff.failing()).extracting(c -> c.rule().id())
        .containsExactlyInAnyOrder("tool-added", "description-changed", "input-added-required");
    assertThat(diff.failing().get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(diff.failing().get(0).tool()).isEqualTo("refund_order");
    ReportContext context = ReportContext.of("cask.lock.yaml").withLines(SourceLineFinder.lines(OrdersExample.PROPOSED, diff));
    assertThat(context.sourceLines()).containsEntry("src/main/cask/orders.yaml#/paths/~1orders/get", 11);
    Map<String, byte[]> files = Reports.render(diff, context);
    Golden.assertMatches("diff/golden/realistic/diff.md", files.get("diff.md"));
  }

  @Test
  void theCaskItChangeFailsAtHighButPassesAtCritical() {
    Path it = Path.of("../cask-it/src/it/diff-fails-at-high");
    ToolpackSnapshot approved = OrdersExample.snapshot(it, "base", "target/cask-base");
    ToolpackSnapshot proposed = OrdersExample.snapshot(it, "src/main/cask", "target/cask");
    ToolpackDiff atHigh = ToolpackDiffer.diff(approved, proposed, null, Severity.HIGH);
    assertThat(atHigh.failing()).extracting(c -> c.tool() + " " + c.rule().id()).containsExactlyInAnyOrder(
        "add_order_note tool-added", "list_orders description-changed", "list_orders input-added-required");
    assertThat(ToolpackDiffer.diff(approved, proposed, null, Severity.CRITICAL).failed()).isFalse();
  }
}
