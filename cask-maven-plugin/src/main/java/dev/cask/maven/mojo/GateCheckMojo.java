package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.log.BuildLog;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build unless every tool is approved by valid signatures over its exact definition, the policy is approved,
 * the signers file is trusted and nothing was rolled back; lists every problem with the command that fixes it. The
 * runtime server refuses to start on exactly the same conditions (same verifier).
 */
@Mojo(name = "gate-check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class GateCheckMojo extends AbstractGateMojo {
  @Override
  protected String goal() {
    return "gate-check";
  }

  @Override
  protected void run(BuildLog log) {
    new GateCheck(clock(), log).run(gateSettings());
  }
}
