package dev.cask.maven.mojo;

import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.gate.DecisionRequest;
import dev.cask.maven.gate.GateDecisions;
import dev.cask.maven.gate.Prompt;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Passphrases;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Signs approvals: of tools by name ({@code cask.tools}), by risk tier ({@code cask.risk}) or all pending
 * ({@code cask.all}, which includes the policy); of the policy ({@code cask.approvePolicy}); of the signers file
 * ({@code cask.approveSigners}). Interactive builds show each tool and ask; batch builds never approve a sensitive
 * tool that is not named.
 */
@Mojo(name = "gate-allow", threadSafe = false, aggregator = false)
public class GateAllowMojo extends AbstractGateMojo {
  /** Tools to approve, comma-separated. */
  @Parameter(property = "cask.tools")
  protected List<String> tools;

  /** Risk tiers whose pending tools to approve, comma-separated (read, write, destructive; sensitive only interactively). */
  @Parameter(property = "cask.risk")
  protected List<String> risk;

  /** Approve every pending tool and the policy. */
  @Parameter(property = "cask.all", defaultValue = "false")
  protected boolean all;

  /** Approve the current policy. */
  @Parameter(property = "cask.approvePolicy", defaultValue = "false")
  protected boolean approvePolicy;

  /** Sign the current signers file (after adding or revoking a signer). */
  @Parameter(property = "cask.approveSigners", defaultValue = "false")
  protected boolean approveSigners;

  /** Drop approvals of operations the toolpack no longer has. */
  @Parameter(property = "cask.prune", defaultValue = "false")
  protected boolean prune;

  /**
   * The toolpack of the last approvals (a directory, tools.json or toolpack zip, as for cask:diff): interactive mode then
   * shows each changed tool's changes by rule, when its definition there is the one the lockfile pins.
   */
  @Parameter(property = "cask.baseline")
  protected File baseline;

  /** The reason, signed with each approval. */
  @Parameter(property = "cask.reason")
  protected String reason;

  @Override
  protected String goal() {
    return "gate-allow";
  }

  @Override
  protected void run(BuildLog log) {
    Set<RiskTier> tiers;
    try {
      tiers = risk == null ? Set.of() : risk.stream().map(String::trim).filter(s -> !s.isEmpty()).map(RiskTier::parse).collect(Collectors.toSet());
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.risk", null, e.getMessage(), "use read, write, destructive or sensitive");
    }
    DecisionRequest request = new DecisionRequest(LockDecision.APPROVED, tools, tiers, all, approvePolicy, approveSigners, prune, reason);
    Prompt prompt = prompt();
    ToolpackSnapshot approved = baseline != null && prompt.interactive()
        ? ToolpackSnapshot.load(baseline.toPath(), gateSettings().display(baseline.toPath())) : null;
    new GateDecisions(clock(), log, prompt, approved).run(verifyingGateSettings(log), request, signers -> SignerIdentity.load(
        keyDirectoryPath(), signer, basedir(), signers, gateSettings().display(signersFile.toPath()), Passphrases.standard()));
  }
}
