package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cask:gate-check}: runs the runtime's {@link Verifier} (the same one the server runs at start-up) and fails with
 * every problem, each with its tool, reason code, reason and fixing command.
 */
public final class GateCheck {
  private final Clock clock;
  private final BuildLog log;

  public GateCheck(Clock clock, BuildLog log) {
    this.clock = clock;
    this.log = log;
  }

  public VerifiedToolpack run(GateSettings settings) {
    requireOrWarnAboutBaseline(settings);
    VerificationReport report = verify(settings);
    for (Problem warning : report.warnings()) {
      log.warn(warning.line());
    }
    if (!report.passed()) {
      throw new CaskException("cask:gate-check", null,
          report.failureText() + "\n  (mvn cask:gate-status shows every tool's state)", null);
    }
    VerifiedToolpack verified = report.requireVerified();
    log.info("Cask gate: " + verified.tools().size() + " approved tool(s) of toolpack " + verified.name()
        + ", policy " + verified.policyDigest().substring(0, 19) + ", lockfile sequence " + verified.lockfileSequence());
    return verified;
  }

  /**
   * Without a baseline the signers file vouches for itself and there is no older lockfile to compare with: fail when
   * {@code requireBaseline} is set, otherwise say once, loudly, what goes undetected and how to fix it.
   */
  private void requireOrWarnAboutBaseline(GateSettings settings) {
    List<String> missing = new ArrayList<>();
    List<String> blind = new ArrayList<>();
    if (!settings.hasSignersBaseline()) {
      missing.add("signers file");
      blind.add("signer additions (someone adding their own key to " + settings.display(settings.signers())
          + " and signing the change with it)");
    }
    if (!settings.hasLockfileBaseline()) {
      missing.add("lockfile");
      blind.add("lockfile rollbacks and deleted blocks");
    }
    if (missing.isEmpty()) {
      return;
    }
    String problem = "no baseline " + String.join(" and ", missing) + ", so it cannot detect " + String.join(", nor ", blind);
    String fix = "compare with the target branch: -Dcask.baselineRef=origin/main (automatic in GitHub Actions pull requests"
        + " checked out with fetch-depth: 0), or -Dcask.baselineSigners=FILE and -Dcask.baselineLockfile=FILE";
    if (settings.requireBaseline()) {
      throw new CaskException("cask:gate-check (-Dcask.requireBaseline=true)", null, problem, fix);
    }
    log.warn("cask:gate-check has " + problem + ". Fix: " + fix);
  }

  public VerificationReport verify(GateSettings settings) {
    return new Verifier(clock, new VerificationSettings(settings.failOnStale(), VerificationSettings.DEFAULT_SKEW))
        .verify(GateInputs.of(settings));
  }
}
