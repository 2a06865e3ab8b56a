package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.StatusTable;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.propose.ProposalText;
import dev.cask.runtime.verification.VerificationReport;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints every tool's risk, decision, signers and state (approved, new, changed, blocked, stale, invalid) and counts. */
@Mojo(name = "gate-status", threadSafe = true)
public class GateStatusMojo extends AbstractGateMojo {
  @Override
  protected String goal() {
    return "gate-status";
  }

  /** The server's audit log, whose pending proposals are listed (they are beside it); default: serve's default. */
  @Parameter(property = CaskParameters.AUDIT_LOG)
  protected File auditLog;

  /** The proposal store; default: proposals/ beside the audit log. */
  @Parameter(property = CaskParameters.PROPOSALS)
  protected File proposals;

  @Override
  protected void run(BuildLog log) {
    VerificationReport report = new GateCheck(clock(), log).verify(verifyingGateSettings(log));
    StatusTable.lines(report).forEach(log::info);
    String toolpack = report.toolpack().map(t -> t.name()).orElse(null);
    if (toolpack == null && proposals == null && auditLog == null) {
      return;
    }
    ProposalStore.Listing listing = ProposalStore.at(ProposalStore.locate(proposals == null ? null : proposals.toPath(),
        auditLog == null ? null : auditLog.toPath(), toolpack), clock()).list();
    log.info("proposals: " + listing.pending().size() + " pending (cask:propose-accept or cask:propose-reject"
        + " -Dcask.proposal=ID); a proposal grants nothing");
    listing.pending().forEach(proposal -> ProposalText.lines(proposal).forEach(line -> log.info("  " + line)));
    listing.ignored().forEach(line -> log.warn("  ignored in the proposal store: " + line));
  }
}
