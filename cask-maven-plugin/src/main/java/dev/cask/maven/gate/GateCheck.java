package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.TrustAnchors;
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
    requireBaseline(settings);
    VerificationReport report = verify(settings);
    for (Problem warning : report.warnings()) {
      log.warn(warning.line());
    }
    warnAboutBlindSpots(settings, report);
    if (!report.passed()) {
      throw new CaskException("cask:gate-check", null,
          report.failureText() + "\n  (mvn cask:gate-status shows every tool's state)", null);
    }
    VerifiedToolpack verified = report.requireVerified();
    log.info("Cask gate: " + verified.tools().size() + " approved tool(s) of toolpack " + verified.name()
        + ", policy " + verified.policyDigest().substring(0, 19) + ", lockfile sequence " + verified.lockfileSequence());
    report.signersTrust().ifPresent(trust -> log.info("Cask gate: signers " + trust.describe()));
    return verified;
  }

  /** {@code requireBaseline}: fail before verifying when a baseline signers file or lockfile is not configured. */
  private static void requireBaseline(GateSettings settings) {
    if (!settings.requireBaseline()) {
      return;
    }
    BlindSpots blind = BlindSpots.of(settings, false);
    if (!blind.missing().isEmpty()) {
      throw new CaskException("cask:gate-check (-Dcask.requireBaseline=true)", null, blind.problem(), blind.fix());
    }
  }

  /**
   * Without a baseline there is no older lockfile to compare with, and without a baseline or a trust anchor the signers
   * chain can only vouch for itself: say once, loudly, what goes undetected and how to fix it.
   */
  private void warnAboutBlindSpots(GateSettings settings, VerificationReport report) {
    if (settings.requireBaseline()) {
      return;
    }
    boolean pinned = report.signersTrust().map(SignersTrust::pinned).orElse(!settings.anchors().given().isEmpty());
    BlindSpots blind = BlindSpots.of(settings, pinned);
    if (!blind.missing().isEmpty()) {
      log.warn("cask:gate-check has " + blind.problem() + ". Fix: " + blind.fix());
    }
  }

  /** What a build without a baseline (and without a trust anchor) cannot see. */
  private record BlindSpots(List<String> missing, List<String> blind, boolean signers) {
    static BlindSpots of(GateSettings settings, boolean pinned) {
      List<String> missing = new ArrayList<>();
      List<String> blind = new ArrayList<>();
      boolean signers = !settings.hasSignersBaseline() && !pinned;
      if (signers) {
        missing.add("signers file");
        blind.add("signer additions (someone replacing " + settings.display(settings.signers()) + " and "
            + settings.display(settings.signersHistory()) + " with a chain of their own that adds their key)");
      }
      if (!settings.hasLockfileBaseline()) {
        missing.add("lockfile");
        blind.add("lockfile rollbacks and deleted blocks");
      }
      return new BlindSpots(missing, blind, signers);
    }

    String problem() {
      return "no baseline " + String.join(" and ", missing) + ", so it cannot detect " + String.join(", nor ", blind);
    }

    String fix() {
      return "compare with the target branch: -Dcask.baselineRef=origin/main (automatic in GitHub Actions pull requests"
          + " checked out with fetch-depth: 0), or -Dcask.baselineSigners=FILE and -Dcask.baselineLockfile=FILE"
          + (signers ? "; and pin the signers outside the repository: -Dcask.trustAnchor=sha256:<digest> or "
              + TrustAnchors.ENV + " (site page \"Signers\")" : "");
    }
  }

  public VerificationReport verify(GateSettings settings) {
    return new Verifier(clock, new VerificationSettings(settings.failOnStale(), VerificationSettings.DEFAULT_SKEW))
        .verify(GateInputs.of(settings));
  }
}
