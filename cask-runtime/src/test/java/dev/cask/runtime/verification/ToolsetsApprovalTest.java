package dev.cask.runtime.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.toolpack.Toolset;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.model.toolpack.Toolsets;
import dev.cask.runtime.server.ToolSelection;
import dev.cask.runtime.toolpack.ToolpackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolsets.yaml} is pinned by the manifest and approved with the policy: one verifier for the gate and the
 * server fails on toolsets never approved, changed or removed since, and a server's selection of a toolset only ever
 * narrows the approved tools.
 */
class ToolsetsApprovalTest {
  @TempDir Path dir;
  private GateFixture f;
  private Toolsets toolsets;

  @BeforeEach
  void setUp() {
    f = new GateFixture(dir);
    toolsets = sets(List.of("get_user"), List.of("create_user", "get_user"));
    f.toolpackTamper = this::addToolsets;
  }

  private static Toolsets sets(List<String> readonly, List<String> write) {
    TreeMap<String, Toolset> sets = new TreeMap<>();
    sets.put(Toolsets.READONLY, new Toolset("reads", readonly));
    sets.put(Toolsets.WRITE, new Toolset("reads and writes", write));
    sets.put(Toolsets.ALL_APPROVED, new Toolset("all", List.of("create_user", "delete_user", "get_user", "impersonate")));
    return Toolsets.of(sets);
  }

  /** Adds toolsets.yaml to the toolpack the fixture wrote and pins it in the manifest, as the compiler does. */
  private void addToolsets(Path toolpack) {
    if (toolsets == null) {
      return;
    }
    try {
      byte[] bytes = CaskFiles.yaml(toolsets);
      Files.write(toolpack.resolve(ToolpackFiles.TOOLSETS), bytes);
      Path manifestFile = toolpack.resolve(ToolpackFiles.MANIFEST);
      ToolpackManifest m = CaskFiles.readYaml(manifestFile, "toolpack.yaml", ToolpackManifest.class, null);
      TreeMap<String, String> files = new TreeMap<>(m.files());
      files.put(ToolpackFiles.TOOLSETS, CanonicalJson.digestBytes(bytes));
      Files.write(manifestFile, CaskFiles.yaml(new ToolpackManifest(m.formatVersion(), m.name(), m.version(), m.sources(),
          m.hosts(), m.baseUrls(), m.tools(), m.riskTiers(), files, m.leftOut())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The policy approval as gate-allow -Dcask.approvePolicy=true writes it for these toolsets. */
  private void approvePolicyWith(Toolsets approved) {
    String policy = CanonicalJson.digest(f.policy);
    String sets = approved == null ? null : CanonicalJson.digest(approved);
    f.lockfile = f.lockfile.withPolicy(new PolicyLock(policy, sets, List.of(
        Approvals.policy(f.alice, "alice", f.toolpackName, policy, sets, "policy and toolsets reviewed", GateFixture.SIGNED),
        Approvals.policy(f.bob, "bob", f.toolpackName, policy, sets, "policy and toolsets reviewed", GateFixture.SIGNED))));
  }

  private static List<ReasonCode> codes(VerificationReport report) {
    return report.errors().stream().map(Problem::code).toList();
  }

  @Test
  void toolsetsNeverApprovedFailTheGate() {
    VerificationReport report = f.verify(); // the fixture approved the policy alone
    assertThat(codes(report)).containsExactly(ReasonCode.TOOLSETS_NOT_APPROVED);
    assertThat(report.errors().get(0).line()).contains("toolsets.yaml", "mvn cask:gate-allow -Dcask.approvePolicy=true");
    assertThat(report.verified()).isEmpty();
  }

  @Test
  void approvedWithThePolicyTheyVerify() {
    approvePolicyWith(toolsets);
    VerificationReport report = f.verify();
    assertThat(report.errors()).isEmpty();
    assertThat(report.requireVerified().toolsets()).isEqualTo(toolsets);
  }

  @Test
  void aToolEnteringAToolsetAfterApprovalFailsTheGate() {
    approvePolicyWith(toolsets);
    toolsets = sets(List.of("delete_user", "get_user"), List.of("create_user", "get_user"));
    VerificationReport report = f.verify();
    assertThat(codes(report)).containsExactly(ReasonCode.TOOLSETS_CHANGED);
    assertThat(report.errors().get(0).reason()).contains("approved " + CanonicalJson.digest(sets(List.of("get_user"),
        List.of("create_user", "get_user"))));
  }

  @Test
  void toolsetsRemovedAfterApprovalFailTheGate() {
    approvePolicyWith(toolsets);
    toolsets = null;
    assertThat(codes(f.verify())).containsExactly(ReasonCode.TOOLSETS_CHANGED);
  }

  @Test
  void aSignatureOverOtherToolsetsDoesNotApproveThese() {
    // The lockfile names the current digest, but the signatures were made over the policy alone (an edited lockfile).
    String policy = CanonicalJson.digest(f.policy);
    f.lockfile = f.lockfile.withPolicy(new PolicyLock(policy, CanonicalJson.digest(toolsets), List.of(
        Approvals.policy(f.alice, "alice", f.toolpackName, policy, "policy reviewed", GateFixture.SIGNED),
        Approvals.policy(f.bob, "bob", f.toolpackName, policy, "policy reviewed", GateFixture.SIGNED))));
    assertThat(codes(f.verify())).containsOnly(ReasonCode.SIGNATURE_INVALID);
  }

  @Test
  void aToolpackWithoutToolsetsStillVerifiesWithAPolicyApprovalWithoutThem() {
    toolsets = null;
    assertThat(f.verify().errors()).isEmpty();
  }

  @Test
  void theWrittenLockfileReadsTheSameOnBothPaths() {
    approvePolicyWith(toolsets);
    byte[] written = GateFiles.lockfileBytes(f.lockfile);
    assertThat(new String(written, StandardCharsets.UTF_8)).contains("  toolsets: sha256:");
    Lockfile fast = GateFiles.parseLockfile(written, "cask.lock.yaml");
    Lockfile yaml = CaskFiles.parse(dev.cask.runtime.json.CaskMappers.yaml(), written, "cask.lock.yaml", Lockfile.class, null);
    assertThat(fast).isEqualTo(yaml);
    assertThat(fast.policy().toolsets()).isEqualTo(CanonicalJson.digest(toolsets));
  }

  @Test
  void aToolsetServesOnlyItsApprovedTools() {
    approvePolicyWith(toolsets);
    VerifiedToolpack verified = f.verify().requireVerified();

    ToolSelection.Selected readonly = new ToolSelection("readonly", List.of()).apply(verified);
    assertThat(readonly.names()).containsExactly("get_user");
    assertThat(readonly.description()).contains("toolset readonly: 1 of its 1 tool(s)");
    assertThat(new ToolSelection("write", List.of("create_user")).apply(verified).names()).containsExactly("create_user");
    assertThat(new ToolSelection(null, List.of("impersonate", "get_user")).apply(verified).names())
        .containsExactly("get_user", "impersonate");
    assertThatThrownBy(() -> new ToolSelection("readonly", List.of("create_user")).apply(verified))
        .isInstanceOf(CaskException.class).hasMessageContaining("create_user").hasMessageContaining("toolset readonly");
    assertThatThrownBy(() -> new ToolSelection("nope", List.of()).apply(verified))
        .isInstanceOf(CaskException.class).hasMessageContaining("has no toolset 'nope'").hasMessageContaining("readonly");
    // Narrowing never widens: asking for a name that is no approved tool selects nothing.
    assertThat(verified.narrowedTo(Set.of("no_such_tool", "get_user")).tools()).extracting(ApprovedTool::name)
        .containsExactly("get_user");
  }
}
