package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.time.Clock;

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

  public VerificationReport verify(GateSettings settings) {
    return new Verifier(clock, new VerificationSettings(settings.failOnStale(), VerificationSettings.DEFAULT_SKEW))
        .verify(GateInputs.of(settings));
  }
}
