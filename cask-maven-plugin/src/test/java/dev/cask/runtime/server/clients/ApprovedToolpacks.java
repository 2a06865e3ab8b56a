package dev.cask.runtime.server.clients;

import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackWriter;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled toolpack written and approved as {@code mvn cask:gate-allow -Dcask.all} would (every tool, and the policy
 * with the toolsets), signed with the gate's test keys; and the {@code serve} arguments for it, the signers version
 * pinned as trust anchor.
 */
public final class ApprovedToolpacks {
  private ApprovedToolpacks() {}

  public static List<String> approveAll(Path project, CompiledToolpack compiled, Path auditLog) throws IOException {
    String name = compiled.manifest().name();
    Path toolpack = project.resolve("target/cask");
    ToolpackWriter.writeDirectory(toolpack, compiled);
    GateFixture gate = new GateFixture(project.resolve("target/gate"));
    gate.toolpackName = name;
    gate.tools = new ArrayList<>(compiled.tools().tools().stream().map(Tool::definition).toList());
    gate.lockfile = Lockfile.empty(name).withSequence(1);
    for (ToolDefinition tool : gate.tools) {
      gate.approve(tool, LockDecision.APPROVED,
          tool.risk().tier() == RiskTier.SENSITIVE ? List.of("alice", "bob") : List.of("alice"));
    }
    String policy = CanonicalJson.digest(compiled.policy());
    String toolsets = CanonicalJson.digest(compiled.toolsets());
    gate.lockfile = gate.lockfile.withPolicy(new PolicyLock(policy, toolsets, List.of(
        Approvals.policy(gate.alice, "alice", name, policy, toolsets, "reviewed", GateFixture.SIGNED),
        Approvals.policy(gate.bob, "bob", name, policy, toolsets, "reviewed", GateFixture.SIGNED))));
    Path lockfile = project.resolve("cask.lock.yaml");
    Path signers = project.resolve("cask.signers.yaml");
    Files.writeString(lockfile, gate.lockfileYaml());
    Files.writeString(signers, gate.signersYaml());
    return List.of("serve", "--toolpack", toolpack.toString(), "--lockfile", lockfile.toString(), "--signers",
        signers.toString(), "--trust-anchor", gate.signersDigest(), "--audit-log", auditLog.toString(),
        "--allow-network", "127.0.0.0/8");
  }
}
