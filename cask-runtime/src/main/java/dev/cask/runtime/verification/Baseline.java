package dev.cask.runtime.verification;

/**
 * What the project looked like before this change (usually the target branch): its signers file and lockfile.
 * A null source means "no baseline configured"; a source without bytes means "configured, but the file did not exist
 * there" (the change creates it).
 *
 * @param signers the baseline {@code cask.signers.yaml}, or null
 * @param lockfile the baseline {@code cask.lock.yaml}, or null
 */
public record Baseline(FileSource signers, FileSource lockfile) {
  public static Baseline none() {
    return new Baseline(null, null);
  }
}
