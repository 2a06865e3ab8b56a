package dev.cask.runtime.review;

import dev.cask.runtime.crypto.PassphraseSupplier;
import dev.cask.runtime.verification.Baseline;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the review finds its files and its signer.
 *
 * @param project the project directory (keys inside it are refused)
 * @param toolpack the compiled toolpack
 * @param lockfile {@code cask.lock.yaml} (written by each decision)
 * @param signers {@code cask.signers.yaml}
 * @param baseline the files before this change (trust and rollback checks), or {@link Baseline#none()}
 * @param approvedToolpack the toolpack of the last approvals, to show how a changed tool changed, or null
 * @param keyDirectory where private keys live
 * @param signer a signer id or key path, or null for the only key
 * @param passphrase the key's passphrase, asked for once before the review starts
 */
public record ReviewSettings(
    Path project, Path toolpack, Path lockfile, Path signers, Baseline baseline, Path approvedToolpack,
    Path keyDirectory, String signer, PassphraseSupplier passphrase) {
  public ReviewSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    baseline = baseline == null ? Baseline.none() : baseline;
    Objects.requireNonNull(keyDirectory, "keyDirectory");
    Objects.requireNonNull(passphrase, "passphrase");
  }

  /** A path as the user knows it: relative to the project when inside it. */
  String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = project.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
