package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.StatusTable;
import dev.cask.maven.log.BuildLog;
import org.apache.maven.plugins.annotations.Mojo;

/** Prints every tool's risk, decision, signers and state (approved, new, changed, blocked, stale, invalid) and counts. */
@Mojo(name = "gate-status", threadSafe = true)
public class GateStatusMojo extends AbstractGateMojo {
  @Override
  protected String goal() {
    return "gate-status";
  }

  @Override
  protected void run(BuildLog log) {
    StatusTable.lines(new GateCheck(clock(), log).verify(verifyingGateSettings(log))).forEach(log::info);
  }
}
