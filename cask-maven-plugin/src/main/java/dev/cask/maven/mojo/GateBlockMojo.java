package dev.cask.maven.mojo;

import dev.cask.maven.gate.DecisionRequest;
import dev.cask.maven.gate.GateDecisions;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.Passphrases;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Records a signed block of the named tools: the runtime never serves them and gate-check fails while they remain. */
@Mojo(name = "gate-block", threadSafe = false)
public class GateBlockMojo extends AbstractGateMojo {
  /** Tools to block, comma-separated. */
  @Parameter(property = "cask.tools", required = true)
  protected List<String> tools;

  /** The reason, signed with each block. */
  @Parameter(property = "cask.reason")
  protected String reason;

  @Override
  protected String goal() {
    return "gate-block";
  }

  @Override
  protected void run(BuildLog log) {
    new GateDecisions(clock(), log, prompt()).run(verifyingGateSettings(log), DecisionRequest.block(tools, reason), signers -> SignerIdentity.load(
        keyDirectoryPath(), signer, basedir(), signers, gateSettings().display(signersFile.toPath()), Passphrases.standard()));
  }
}
