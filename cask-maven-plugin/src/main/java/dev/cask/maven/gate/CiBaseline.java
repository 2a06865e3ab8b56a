package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.util.Optional;

/**
 * Anchors the gate to the target branch when the user configured no baseline but the build is a GitHub Actions pull
 * request: {@code GITHUB_BASE_REF=main} makes {@code origin/main} the baseline ref, so a pull request cannot add its
 * own key to the signers file and self-sign, roll the lockfile back or delete a block. Fails closed when that ref
 * cannot be read (a shallow clone) instead of silently verifying without a baseline.
 */
public final class CiBaseline {
  private CiBaseline() {}

  /** The settings, with {@code origin/$GITHUB_BASE_REF} as baseline ref when none is configured and it is set. */
  public static GateSettings apply(GateSettings settings, CiEnvironment environment, BuildLog log) {
    if (settings.hasBaseline()) {
      return settings;
    }
    String base = environment.get(CiEnvironment.GITHUB_BASE_REF);
    if (base == null || base.isBlank()) {
      return settings;
    }
    String ref = "origin/" + base.strip();
    String subject = CiEnvironment.GITHUB_BASE_REF + "=" + base.strip();
    String fix = "check out with the full history (actions/checkout with fetch-depth: 0) so " + ref
        + " exists, or name the baseline yourself with -Dcask.baselineRef=REF";
    Optional<String> unreadable = GitFiles.unreadable(settings.project(), ref);
    if (unreadable.isPresent()) {
      throw new CaskException(subject, null, "this pull request's gate must compare the signers file and lockfile with "
          + ref + ", the branch it targets, but " + unreadable.get() + " (a shallow clone has no other branches)", fix);
    }
    log.info("Cask gate: baseline " + ref + " (the pull request's target branch, from " + CiEnvironment.GITHUB_BASE_REF + ")");
    return settings.withBaselineRef(ref);
  }
}
