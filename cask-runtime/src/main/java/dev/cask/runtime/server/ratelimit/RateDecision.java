package dev.cask.runtime.server.ratelimit;

/**
 * The answer of the limiter.
 *
 * @param allowed whether the call may go on (when true, it has been counted unless it was only a check)
 * @param key the exhausted counter when denied, else null
 * @param retryAfterMs when denied: milliseconds until the counter has room again (at least 1)
 */
public record RateDecision(boolean allowed, LimitKey key, long retryAfterMs) {
  public static final RateDecision ALLOWED = new RateDecision(true, null, 0);
}
