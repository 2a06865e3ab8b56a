package dev.cask.runtime.verification;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to verify.
 *
 * @param toolpack the compiled toolpack directory or zip
 * @param lockfile {@code cask.lock.yaml}
 * @param signers {@code cask.signers.yaml}
 * @param baseline the files before this change, for trust and rollback checks
 */
public record VerificationInput(Path toolpack, FileSource lockfile, FileSource signers, Baseline baseline) {
  public VerificationInput {
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    baseline = baseline == null ? Baseline.none() : baseline;
  }
}
