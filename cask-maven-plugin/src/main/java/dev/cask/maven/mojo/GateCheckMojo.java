package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.log.BuildLog;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build unless every tool is approved by valid signatures over its exact definition, the policy is approved,
 * the signers file is trusted and nothing was rolled back; lists every problem with the command that fixes it. The
 * runtime server refuses to start on exactly the same conditions (same verifier).
 */
@Mojo(name = "gate-check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class GateCheckMojo extends AbstractGateMojo {
  /**
   * Fail unless a baseline signers file and lockfile are available ({@code cask.baselineRef}, the two baseline files,
   * or a GitHub Actions pull request's target branch). Without it, a missing baseline is only a warning.
   */
  @Parameter(property = "cask.requireBaseline", defaultValue = "false")
  protected boolean requireBaseline;

  @Override
  protected String goal() {
    return "gate-check";
  }

  @Override
  protected void run(BuildLog log) {
    new GateCheck(clock(), log).run(verifyingGateSettings(log).withRequireBaseline(requireBaseline));
  }
}
