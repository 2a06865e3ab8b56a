package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.GateSettings;
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

  /**
   * Fail unless a trust anchor from outside the repository pins the signers ({@code -Dcask.trustAnchor},
   * {@code CASK_TRUST_ANCHOR}, {@code ~/.cask/<toolpack>/trust-anchor}). Without it, a missing anchor is only a warning.
   */
  @Parameter(property = "cask.requireTrustAnchor", defaultValue = "false")
  protected boolean requireTrustAnchor;

  @Override
  protected String goal() {
    return "gate-check";
  }

  @Override
  protected void run(BuildLog log) {
    GateSettings settings = verifyingGateSettings(log).withRequireBaseline(requireBaseline);
    new GateCheck(clock(), log).run(settings.withAnchors(settings.anchors().withRequired(requireTrustAnchor)));
  }
}
