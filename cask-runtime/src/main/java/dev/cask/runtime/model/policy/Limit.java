package dev.cask.runtime.model.policy;

/**
 * A number of calls allowed within a sliding window.
 *
 * @param calls how many calls
 * @param windowSeconds the window length in seconds
 */
public record Limit(int calls, long windowSeconds) {
  public Limit {
    if (calls < 0) {
      throw new IllegalArgumentException("limit calls must be >= 0, was " + calls);
    }
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException("limit windowSeconds must be > 0, was " + windowSeconds);
    }
  }
}
