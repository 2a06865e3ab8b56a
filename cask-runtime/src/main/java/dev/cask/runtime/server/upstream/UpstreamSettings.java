package dev.cask.runtime.server.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of upstream calls.
 *
 * @param connectTimeout how long a TCP (and TLS) connect may take
 * @param readTimeout the longest silence while waiting for response bytes
 * @param totalTimeout the longest a whole call may take, redirects included
 * @param maxResponseBytes the largest response body accepted; a larger one fails the call (it is never buffered whole)
 * @param maxRedirects 0 (the default) follows no redirect; otherwise how many hops to follow, each re-checked
 */
public record UpstreamSettings(
    Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxResponseBytes, int maxRedirects) {
  public static final UpstreamSettings DEFAULTS =
      new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), 10 * 1024 * 1024, 0);

  public UpstreamSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(totalTimeout, "totalTimeout");
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be > 0");
    }
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("maxRedirects must be between 0 and 20");
    }
  }
}
