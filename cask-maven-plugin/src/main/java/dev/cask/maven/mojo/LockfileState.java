package dev.cask.maven.mojo;

import dev.cask.maven.diff.ApprovedState;
import dev.cask.maven.diff.LockfileApprovals;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackDiffer;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.verification.VerificationReport;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The signed approvals diff, drift and the site report count as approved: the gate's verifier runs over the toolpack
 * and the lockfile, and {@link LockfileApprovals} keeps what it accepted. Shared so the three never disagree, and
 * never check a signature themselves.
 */
final class LockfileState {
  private LockfileState() {}

  /**
   * The approved state of {@code toolpack} (a directory or zip), or null when the project has no lockfile yet.
   *
   * @param withoutLockfile what the log says when there is no lockfile, e.g. "every change counts as unapproved"
   */
  static ApprovedState approved(
      Path basedir, Path toolpack, File lockfile, File signersFile, String withoutLockfile, BuildLog log) {
    String display = ToolpackInputs.relative(basedir, lockfile.toPath());
    if (!lockfile.isFile()) {
      log.info("No lockfile at " + display + ": " + withoutLockfile);
      return null;
    }
    GateSettings settings = new GateSettings(basedir, toolpack, lockfile.toPath(), signersFile.toPath(),
        null, null, null, false);
    VerificationReport report = new GateCheck(Clock.systemUTC(), log).verify(settings);
    if (!report.passed()) {
      log.info("The lockfile does not verify as it stands (" + report.errors().size()
          + " problem(s), see cask:gate-check); only approvals whose signatures hold count as approved");
    }
    return LockfileApprovals.from(report, display).orElse(null);
  }

  /**
   * The comparison {@code cask:diff} and the site report both make: the current toolpack directory against the
   * baseline (or null), with the lockfile's verified approvals as accepted changes.
   */
  static ToolpackDiff diff(
      Path basedir, Path toolpack, ToolpackSnapshot baseline, File lockfile, File signersFile, String failOn,
      BuildLog log) {
    ToolpackSnapshot current = ToolpackInputs.current(basedir, toolpack);
    ApprovedState approved = approved(basedir, toolpack, lockfile, signersFile,
        "every change counts as unapproved (approve with cask:gate-allow)", log);
    return ToolpackDiffer.diff(baseline, current, approved, ToolpackInputs.threshold(failOn));
  }
}
