package dev.cask.runtime.verification;

import java.time.Duration;

/**
 * Knobs of verification. Everything else is fixed: there is no setting that turns a check off.
 *
 * @param failOnStale whether approvals for operations the toolpack no longer has fail verification (else they warn)
 * @param clockSkew how far in the future a {@code signedAt} may be (clocks of signers' machines differ)
 */
public record VerificationSettings(boolean failOnStale, Duration clockSkew) {
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  public VerificationSettings {
    if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("clockSkew must be between 0 and 1 hour");
    }
  }

  public static VerificationSettings defaults() {
    return new VerificationSettings(false, DEFAULT_SKEW);
  }

  public VerificationSettings withFailOnStale(boolean value) {
    return new VerificationSettings(value, clockSkew);
  }
}
