package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.propose.ProposalAcceptance;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.propose.ProposalText;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Accepts a proposal an agent made with cask_propose: turns it into the normal path (for a new operation, an OpenAPI
 * document in src/main/cask/proposals to compile; for a tool, the gate-allow to run) and marks it accepted. It grants
 * nothing: the tool still needs a signed gate-allow.
 */
@Mojo(name = "propose-accept", threadSafe = true)
public class ProposeAcceptMojo extends AbstractToolpackMojo {
  /** The proposal's id (mvn cask:gate-status lists the waiting ones). */
  @Parameter(property = CaskParameters.PROPOSAL, required = true)
  protected String proposal;

  /** The server's audit log; its proposals are beside it. Default: serve's default for the toolpack. */
  @Parameter(property = CaskParameters.AUDIT_LOG)
  protected File auditLog;

  /** The proposal store; default: proposals/ beside the audit log. */
  @Parameter(property = CaskParameters.PROPOSALS)
  protected File proposals;

  @Override
  protected String goal() {
    return "propose-accept";
  }

  @Override
  protected void run(BuildLog log) {
    LoadedToolpack toolpack = ToolpackLoader.load(toolpackPath());
    ProposalStore store = ProposalStore.at(ProposalStore.locate(proposals == null ? null : proposals.toPath(),
        auditLog == null ? null : auditLog.toPath(), toolpack.name()), java.time.Clock.systemUTC());
    ProposalAcceptance.Accepted accepted =
        ProposalAcceptance.accept(store, proposal, basedir(), toolpack, lockfile.toPath());
    ProposalText.lines(accepted.proposal()).forEach(log::info);
    if (accepted.written() != null) {
      log.info("Wrote " + basedir().relativize(accepted.written().toAbsolutePath()) + " (nothing is approved yet)");
    }
    log.info("Next, for the tool " + accepted.tool() + ":");
    accepted.next().forEach(step -> log.info("  " + step));
  }
}
