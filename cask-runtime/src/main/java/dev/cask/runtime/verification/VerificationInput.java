package dev.cask.runtime.verification;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to verify.
 *
 * @param toolpack the compiled toolpack directory or zip
 * @param lockfile {@code cask.lock.yaml}
 * @param signers {@code cask.signers.yaml}
 * @param signersHistory {@code cask.signers.history.yaml}: every signed version of the signers file (a source without
 *     bytes when it does not exist, which only a signers file at version 1 may do without)
 * @param baseline the files before this change, for trust and rollback checks
 * @param anchors the operator's trust anchors, from outside the repository
 */
public record VerificationInput(
    Path toolpack, FileSource lockfile, FileSource signers, FileSource signersHistory, Baseline baseline,
    TrustAnchors anchors) {
  public VerificationInput {
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    signersHistory = signersHistory == null ? FileSource.missing(GateFiles.SIGNERS_HISTORY) : signersHistory;
    baseline = baseline == null ? Baseline.none() : baseline;
    anchors = anchors == null ? TrustAnchors.none() : anchors;
  }

  /** Without a history file and without anchors: a signers file at version 1, trusted from the repository (tests). */
  public VerificationInput(Path toolpack, FileSource lockfile, FileSource signers, Baseline baseline) {
    this(toolpack, lockfile, signers, null, baseline, null);
  }
}
