package dev.cask.maven.gate;

import dev.cask.runtime.verification.TrustAnchors;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the gate's files are and what to compare them with.
 *
 * @param project the project directory (keys inside it are refused; git runs here)
 * @param toolpack the compiled toolpack directory ({@code target/cask}) or zip
 * @param lockfile {@code cask.lock.yaml}
 * @param signers {@code cask.signers.yaml}
 * @param baselineSigners a baseline signers file ({@code cask.baselineSigners}), or null
 * @param baselineLockfile a baseline lockfile ({@code cask.baselineLockfile}), or null
 * @param baselineRef a git ref whose lockfile and signers file are the baseline ({@code cask.baselineRef}), or null
 * @param failOnStale whether stale approvals fail {@code gate-check}
 * @param requireBaseline whether {@code gate-check} fails without a baseline signers file and lockfile
 *     ({@code cask.requireBaseline})
 * @param anchors the operator's trust anchors for the signers chain ({@code -Dcask.trustAnchor}, {@code
 *     CASK_TRUST_ANCHOR}, {@code ~/.cask/<toolpack>/trust-anchor}), required with {@code cask.requireTrustAnchor}
 */
public record GateSettings(
    Path project, Path toolpack, Path lockfile, Path signers, Path baselineSigners, Path baselineLockfile,
    String baselineRef, boolean failOnStale, boolean requireBaseline, TrustAnchors anchors) {
  public GateSettings {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfile, "lockfile");
    Objects.requireNonNull(signers, "signers");
    baselineRef = baselineRef == null || baselineRef.isBlank() ? null : baselineRef.trim();
    anchors = anchors == null ? TrustAnchors.none() : anchors;
  }

  /** Settings without trust anchors. */
  public GateSettings(
      Path project, Path toolpack, Path lockfile, Path signers, Path baselineSigners, Path baselineLockfile,
      String baselineRef, boolean failOnStale, boolean requireBaseline) {
    this(project, toolpack, lockfile, signers, baselineSigners, baselineLockfile, baselineRef, failOnStale,
        requireBaseline, null);
  }

  /** Settings without {@code requireBaseline}. */
  public GateSettings(
      Path project, Path toolpack, Path lockfile, Path signers, Path baselineSigners, Path baselineLockfile,
      String baselineRef, boolean failOnStale) {
    this(project, toolpack, lockfile, signers, baselineSigners, baselineLockfile, baselineRef, failOnStale, false);
  }

  /** Defaults for a project directory: {@code target/cask}, {@code cask.lock.yaml}, {@code cask.signers.yaml}. */
  public static GateSettings of(Path project) {
    return new GateSettings(project, project.resolve("target/cask"), project.resolve("cask.lock.yaml"),
        project.resolve("cask.signers.yaml"), null, null, null, false);
  }

  public GateSettings withBaselineRef(String ref) {
    return new GateSettings(project, toolpack, lockfile, signers, baselineSigners, baselineLockfile, ref, failOnStale,
        requireBaseline, anchors);
  }

  public GateSettings withRequireBaseline(boolean value) {
    return new GateSettings(project, toolpack, lockfile, signers, baselineSigners, baselineLockfile, baselineRef,
        failOnStale, value, anchors);
  }

  public GateSettings withAnchors(TrustAnchors value) {
    return new GateSettings(project, toolpack, lockfile, signers, baselineSigners, baselineLockfile, baselineRef,
        failOnStale, requireBaseline, value);
  }

  /** The signers file's history, beside it ({@code cask.signers.history.yaml}). */
  public Path signersHistory() {
    return dev.cask.runtime.verification.GateFiles.historyOf(signers);
  }

  /** Whether any baseline (ref, signers file or lockfile) is configured. */
  public boolean hasBaseline() {
    return baselineRef != null || baselineSigners != null || baselineLockfile != null;
  }

  /** Whether a baseline signers file is configured (signer additions can be detected). */
  public boolean hasSignersBaseline() {
    return baselineRef != null || baselineSigners != null;
  }

  /** Whether a baseline lockfile is configured (rollbacks and deleted blocks can be detected). */
  public boolean hasLockfileBaseline() {
    return baselineRef != null || baselineLockfile != null;
  }

  /** A path as the user knows it: relative to the project when inside it. */
  public String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = project.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
