package dev.cask.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.maven.diff.Fixtures;
import dev.cask.maven.diff.OrdersExample;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.GateFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.doxia.module.xhtml5.Xhtml5SinkFactory;
import org.apache.maven.doxia.sink.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site page renders through a real Doxia XHTML5 sink, with untrusted text escaped. */
class DiffSiteReportTest {
  static String html(ToolpackDiff diff) throws Exception {
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    Sink sink = new Xhtml5SinkFactory().createSink(html, "UTF-8");
    DiffSiteReport.render(sink, diff);
    sink.close();
    return html.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rendersVerdictTablesAndWordDiffsEscaped() throws Exception {
    String page = html(Fixtures.goldenDiff());
    assertThat(page).contains("Cask diff: people").contains("14 unapproved changes at or above high")
        .contains("<td>description-instruction</td>")
        .contains("&lt;IMPORTANT&gt;Before using this tool")
        .doesNotContain("<IMPORTANT>");
    assertThat(page).contains("<th>Severity</th>").contains("accepted (alice)");
  }

  /**
   * The site report makes the comparison cask:diff makes. The orders pull request (description rewrite and a new
   * required parameter on list_orders, a new refund_order tool), compiled for real; the project's signed lockfile,
   * verified by the gate's verifier, approves the new list_orders but not refund_order: list_orders' changes show as
   * accepted by its signer, refund_order's as unapproved.
   */
  @Test
  void changesTheSignedLockfileApprovesShowAsAcceptedWithTheirSigner(@TempDir Path project) throws Exception {
    GateFixture gate = new GateFixture(project.resolve("fixture"));
    CompiledToolpack approved = compile(OrdersExample.APPROVED, gate);
    CompiledToolpack proposed = compile(OrdersExample.PROPOSED, gate);
    ToolpackWriter.writeDirectory(project.resolve("target/cask"), proposed);
    gate.tools = new ArrayList<>(proposed.tools().tools().stream().map(Tool::definition).toList());
    gate.lockfile = Lockfile.empty(gate.toolpackName).withSequence(1).withPolicy(gate.lockfile.policy());
    for (ToolDefinition tool : gate.tools) {
      if (!tool.name().equals("refund_order")) {
        gate.approve(tool, LockDecision.APPROVED, List.of("alice"));
      }
    }
    Files.writeString(project.resolve("cask.lock.yaml"), gate.lockfileYaml());
    Files.writeString(project.resolve("cask.signers.yaml"), gate.signersYaml());
    ToolpackSnapshot base = new ToolpackSnapshot("target/cask-base", approved.tools(), approved.policy(),
        CanonicalJson.digest(approved.policy()), approved.capture());

    ToolpackDiff diff = LockfileState.diff(project, project.resolve("target/cask"), base,
        project.resolve("cask.lock.yaml").toFile(), project.resolve("cask.signers.yaml").toFile(), "high", BuildLog.silent());
    String page = html(diff);
    assertThat(page).contains("list_orders (changed)")
        .contains("<td>description-changed</td>")
        .contains("<td>accepted (alice)</td>");
    assertThat(page).contains("refund_order (added)").contains("<td>unapproved</td>");
    assertThat(diff.allChanges()).filteredOn(c -> "list_orders".equals(c.tool())).isNotEmpty()
        .allSatisfy(c -> assertThat(c.isAccepted()).isTrue());
    assertThat(diff.allChanges()).filteredOn(c -> "refund_order".equals(c.tool())).isNotEmpty()
        .allSatisfy(c -> assertThat(c.isAccepted()).isFalse());

    ToolpackDiff withoutLockfile = LockfileState.diff(project, project.resolve("target/cask"), base,
        project.resolve("missing.lock.yaml").toFile(), project.resolve("cask.signers.yaml").toFile(), "high", BuildLog.silent());
    assertThat(html(withoutLockfile)).doesNotContain("accepted (");
  }

  /** Compiled under the gate fixture's toolpack name and policy, so that its signed policy approval holds. */
  private static CompiledToolpack compile(Path project, GateFixture gate) {
    var capture = CaptureImporter.standard()
        .importAll(project, List.of(Path.of("src/main/cask")), ImportSettings.defaults(), BuildLog.silent());
    return new ToolpackCompiler(new CompileSettings(gate.toolpackName, "1.0.0", 1024, gate.policy), BuildLog.silent())
        .compile(capture);
  }
}
