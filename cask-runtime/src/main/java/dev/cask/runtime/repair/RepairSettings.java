package dev.cask.runtime.repair;

import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code repair} reads and where it writes. Every input has a default location; a report that does not exist is
 * simply not read (and the report says so).
 *
 * @param project the project directory: commands run from there, paths in them are relative to it
 * @param toolpack the compiled toolpack ({@code target/cask})
 * @param lockfile {@code cask.lock.yaml}
 * @param signers {@code cask.signers.yaml} (its history beside it)
 * @param anchors the operator's trust anchors, if any (not required: repair diagnoses, it serves nothing)
 * @param auditLog the server's audit log, or null for {@code serve}'s default for the toolpack
 * @param driftReport {@code drift.json}
 * @param diffReport {@code diff.json}
 * @param verifyReport {@code verify.json}
 * @param proposals the proposal store's directory, or null for the one beside the audit log
 * @param output where {@code repair.md}, {@code repair.json}, {@code repair.sh} (and prepared files under
 *     {@code repair/}) go
 * @param sourcePolicy the project's own policy file ({@code src/main/cask/policy.yaml}), which a policy fix replaces
 * @param runtimeJar the runtime jar, for the commands only it runs ({@code audit verify}), or null to print none
 * @param mvn how to run Maven in printed commands ({@code mvn})
 */
public record RepairSettings(
    Path project,
    Path toolpack,
    Path lockfile,
    Path signers,
    TrustAnchors anchors,
    Path auditLog,
    Path driftReport,
    Path diffReport,
    Path verifyReport,
    Path proposals,
    Path output,
    Path sourcePolicy,
    Path runtimeJar,
    String mvn) {
  public RepairSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    anchors = anchors == null ? TrustAnchors.none() : anchors;
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(sourcePolicy, "sourcePolicy");
    mvn = mvn == null ? "mvn" : mvn;
  }

  /**
   * The defaults of a Maven project in {@code project}: toolpack {@code target/cask}, the gate files at the root, the
   * reports in the toolpack directory, output beside them, the policy in {@code src/main/cask}.
   */
  public static RepairSettings defaults(Path project) {
    Path toolpack = project.resolve("target/cask");
    return new RepairSettings(project, toolpack, project.resolve("cask.lock.yaml"), project.resolve("cask.signers.yaml"),
        TrustAnchors.none(), null, toolpack.resolve("drift.json"), toolpack.resolve("diff.json"),
        toolpack.resolve("verify.json"), null, toolpack, project.resolve("src/main/cask/policy.yaml"), null, "mvn");
  }

  public RepairSettings withToolpack(Path value) {
    return new RepairSettings(project, value, lockfile, signers, anchors, auditLog, driftReport, diffReport, verifyReport,
        proposals, output, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withGateFiles(Path lockfileValue, Path signersValue, TrustAnchors anchorsValue) {
    return new RepairSettings(project, toolpack, lockfileValue, signersValue, anchorsValue, auditLog, driftReport,
        diffReport, verifyReport, proposals, output, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withAuditLog(Path value) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, value, driftReport, diffReport, verifyReport,
        proposals, output, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withReports(Path drift, Path diff, Path verify) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, auditLog, drift, diff, verify, proposals,
        output, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withProposals(Path value) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, auditLog, driftReport, diffReport,
        verifyReport, value, output, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withOutput(Path value) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, auditLog, driftReport, diffReport,
        verifyReport, proposals, value, sourcePolicy, runtimeJar, mvn);
  }

  public RepairSettings withSourcePolicy(Path value) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, auditLog, driftReport, diffReport,
        verifyReport, proposals, output, value, runtimeJar, mvn);
  }

  public RepairSettings withRuntimeJar(Path value) {
    return new RepairSettings(project, toolpack, lockfile, signers, anchors, auditLog, driftReport, diffReport,
        verifyReport, proposals, output, sourcePolicy, value, mvn);
  }
}
