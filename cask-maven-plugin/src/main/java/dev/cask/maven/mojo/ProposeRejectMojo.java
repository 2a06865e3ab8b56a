package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.propose.Proposal;
import dev.cask.runtime.propose.ProposalState;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.propose.ProposalText;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Closes a proposal an agent made with cask_propose, with a reason; nothing is granted. */
@Mojo(name = "propose-reject", threadSafe = true)
public class ProposeRejectMojo extends AbstractToolpackMojo {
  /** The proposal's id (mvn cask:gate-status lists the waiting ones). */
  @Parameter(property = CaskParameters.PROPOSAL, required = true)
  protected String proposal;

  /** The server's audit log; its proposals are beside it. Default: serve's default for the toolpack. */
  @Parameter(property = CaskParameters.AUDIT_LOG)
  protected File auditLog;

  /** The proposal store; default: proposals/ beside the audit log. */
  @Parameter(property = CaskParameters.PROPOSALS)
  protected File proposals;

  /** Why it is rejected, kept with the proposal. */
  @Parameter(property = "cask.reason")
  protected String reason;

  @Override
  protected String goal() {
    return "propose-reject";
  }

  @Override
  protected void run(BuildLog log) {
    String name = proposals != null || auditLog != null ? null : ToolpackLoader.load(toolpackPath()).name();
    ProposalStore store = ProposalStore.at(ProposalStore.locate(proposals == null ? null : proposals.toPath(),
        auditLog == null ? null : auditLog.toPath(), name), java.time.Clock.systemUTC());
    Proposal rejected = store.decide(proposal, ProposalState.REJECTED, reason == null ? "rejected" : reason);
    ProposalText.lines(rejected).forEach(log::info);
    log.info("Rejected proposal " + rejected.id() + "; nothing was granted.");
  }
}
