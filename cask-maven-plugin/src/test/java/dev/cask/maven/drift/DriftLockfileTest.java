package dev.cask.maven.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.diff.ApprovedState;
import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.LockfileApprovals;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.GateFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a signed lockfile, drift's "approved" is what the gate's verifier accepts from it: the drift fixture's toolpack
 * (get_orders, create_orders, list_health) where only get_orders is approved, list_health is blocked and create_orders
 * carries a signature by a key the signers file does not know.
 */
class DriftLockfileTest {
  @TempDir Path temp;

  private ToolpackSnapshot baseline;
  private GateFixture gate;

  @BeforeEach
  void compileAndSign() {
    // The gate fixture's toolpack name, so that its lockfile and policy approvals bind to this toolpack.
    CompiledToolpack compiled =
        new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent()).compile(DriftFixtures.specCapture());
    baseline = new ToolpackSnapshot("target/cask", compiled.tools(), compiled.policy(), null, compiled.capture());
    gate = new GateFixture(temp);
    gate.tools = new ArrayList<>(compiled.tools().tools().stream().map(Tool::definition).toList());
    gate.lockfile = Lockfile.empty("demo").withSequence(1).withPolicy(gate.lockfile.policy());
    assertThat(gate.tools).extracting(ToolDefinition::name).containsExactlyInAnyOrder("get_orders", "create_orders", "list_health");
    gate.approve(gate.tool("get_orders"), LockDecision.APPROVED, List.of("alice"));
    gate.approve(gate.tool("list_health"), LockDecision.BLOCKED, List.of("alice"));
    gate.approve(gate.tool("create_orders"), LockDecision.APPROVED, List.of("mallory"));
  }

  private ApprovedState approvals() {
    return LockfileApprovals.from(gate.verify(), "cask.lock.yaml").orElseThrow();
  }

  /** The spec with only the given operations, e.g. {@code "POST /orders"}. */
  private static Capture specWith(String... operations) {
    Capture spec = DriftFixtures.specCapture();
    List<String> wanted = List.of(operations);
    var kept = spec.operations().stream().filter(op -> wanted.contains(op.method() + " " + op.path())).toList();
    assertThat(kept).hasSameSizeAs(wanted);
    return Capture.of(spec.sources(), kept, spec.schemas(), spec.securitySchemes(), List.of());
  }

  @Test
  void withoutALockfileTheWholeToolpackIsApprovedSoTheSameSpecIsNoDrift() {
    assertThat(DriftAnalyzer.analyze(baseline, DriftFixtures.specCapture(), "shop.yaml", Severity.INFO).allChanges()).isEmpty();
  }

  @Test
  void toolsTheLockfileDoesNotApproveAreShadowEndpointsWhenSeen() {
    ToolpackDiff diff = DriftAnalyzer.analyze(baseline, approvals(), DriftFixtures.specCapture(), "shop.yaml", Severity.HIGH);
    assertThat(diff.allChanges()).extracting(Change::rule).containsOnly(ChangeRule.SHADOW_ENDPOINT);
    assertThat(diff.allChanges()).extracting(Change::subject)
        .containsExactlyInAnyOrder("GET api.shop.example/v1/health", "POST api.shop.example/v1/orders");
    assertThat(diff.allChanges()).extracting(Change::detail)
        .anySatisfy(detail -> assertThat(detail).endsWith("; tool list_health is blocked in cask.lock.yaml"))
        .anySatisfy(detail -> assertThat(detail)
            .endsWith("; tool create_orders is in the toolpack but not approved in cask.lock.yaml"));
    assertThat(diff.failed()).isTrue();
  }

  @Test
  void onlyApprovedOperationsCanBeApprovedButNotSeen() {
    ToolpackDiff diff = DriftAnalyzer.analyze(baseline, approvals(), specWith("POST /orders"), "shop.yaml", Severity.HIGH);
    List<Change> unseen = diff.allChanges().stream().filter(c -> c.rule() == ChangeRule.APPROVED_NOT_SEEN).toList();
    assertThat(unseen).extracting(Change::subject).as("blocked list_health and unapproved create_orders are not approved")
        .containsExactly("get_orders");
    assertThat(diff.allChanges()).extracting(Change::subject).contains("POST api.shop.example/v1/orders");
  }

  @Test
  void anApprovalOfAnOlderDefinitionApprovesNothing() {
    // The lockfile approved get_orders as it was; the toolpack's get_orders has changed since, so the old signature
    // does not vouch for what the baseline now holds.
    ToolDefinition before = gate.tool("get_orders");
    gate.replace("get_orders", GateFixture.withDescription(before, "Get an order. Now also returns the card number."));
    ToolpackDiff diff = DriftAnalyzer.analyze(baseline, approvals(), specWith("GET /orders/{orderId}"), "shop.yaml", Severity.HIGH);
    assertThat(diff.allChanges()).extracting(Change::rule).as("nothing on that host is approved any more")
        .containsExactlyInAnyOrder(ChangeRule.SHADOW_ENDPOINT, ChangeRule.NEW_UPSTREAM_HOST);
    assertThat(diff.allChanges()).filteredOn(c -> c.rule() == ChangeRule.SHADOW_ENDPOINT).singleElement()
        .extracting(Change::detail).asString().contains("get_orders is in the toolpack but not approved");
  }
}
