package dev.cask.runtime.server.testing;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.toolpack.ToolpackLoader;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A toolpack with a real signed lockfile and signers file (the gate's {@link GateFixture}: Ed25519 keys of alice and
 * bob, every tool and the policy approved), so tests and benchmarks run the production {@code serve}: the same
 * verifier as {@code gate-check}, the real enforcement pipeline.
 */
public final class SignedToolpacks {
  private SignedToolpacks() {}

  /**
   * The files {@code serve} needs, and the digest of the signers version the operator pins ({@code --trust-anchor}).
   */
  public record Signed(Path toolpack, Path lockfile, Path signers, Path auditLog, String signersDigest) {}

  /** Reads run, writes need a person's confirmation, anything else is denied. */
  public static Policy confirmWrites() {
    return new Policy(
        Policy.FORMAT_VERSION,
        Effect.DENY,
        List.of(
            new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null, "reads run"),
            new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null,
                "a person approves each write")),
        null);
  }

  /** The benchmark policy: every read tool allowed, limits far above any load the benchmark sends. */
  public static Policy benchmark() {
    return new Policy(
        Policy.FORMAT_VERSION,
        Effect.DENY,
        List.of(new PolicyRule("bench-allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null,
            "benchmark: every read tool is allowed")),
        new RateLimits(new Limit(100_000_000, 60), new TreeMap<>(), null));
  }

  public static Signed write(Path dir, String name, List<Tool> tools, Policy policy) {
    List<ToolDefinition> definitions = tools.stream().map(Tool::definition).toList();
    return approveAll(dir, name, definitions, policy, GateFixture.writeToolpack(dir.resolve("toolpack-1"), name, definitions, policy));
  }

  /**
   * Writes a lockfile approving every tool and the policy (with the toolsets, when the toolpack has them) of a toolpack
   * that is already written (by the compiler, say), and the signers file, into {@code dir}.
   */
  public static Signed approveAll(Path dir, String name, List<ToolDefinition> tools, Policy policy, Path toolpack) {
    GateFixture fixture = new GateFixture(dir);
    fixture.toolpackName = name;
    fixture.tools = new ArrayList<>(tools);
    fixture.policy = policy;
    fixture.lockfile = Lockfile.empty(name).withSequence(1);
    for (ToolDefinition tool : fixture.tools) {
      fixture.approve(tool, LockDecision.APPROVED,
          tool.risk().tier() == RiskTier.SENSITIVE ? List.of("alice", "bob") : List.of("alice"));
    }
    String policyDigest = CanonicalJson.digest(policy);
    String toolsets = ToolpackLoader.load(toolpack).toolsetsDigest(); // the compiler writes toolsets.yaml; approved too
    fixture.lockfile = fixture.lockfile.withPolicy(new PolicyLock(policyDigest, toolsets, List.of(
        Approvals.policy(fixture.alice, "alice", name, policyDigest, toolsets, "policy reviewed", GateFixture.SIGNED),
        Approvals.policy(fixture.bob, "bob", name, policyDigest, toolsets, "policy reviewed", GateFixture.SIGNED))));
    try {
      Path lockfile = dir.resolve("cask.lock.yaml");
      Path signers = dir.resolve("cask.signers.yaml");
      Files.writeString(lockfile, fixture.lockfileYaml());
      Files.writeString(signers, fixture.signersYaml());
      return new Signed(toolpack, lockfile, signers, dir.resolve("audit").resolve("audit.jsonl"), fixture.signersDigest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code serve} arguments for these files (stdio unless more are added), with the signers version pinned as the
   * operator's trust anchor.
   */
  public static List<String> serveArgs(Signed signed) {
    return new ArrayList<>(List.of("serve", "--toolpack", signed.toolpack().toString(), "--lockfile",
        signed.lockfile().toString(), "--signers", signed.signers().toString(), "--trust-anchor",
        signed.signersDigest(), "--audit-log", signed.auditLog().toString(), "--allow-network", "127.0.0.0/8"));
  }
}
