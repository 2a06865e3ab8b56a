package dev.cask.runtime.server.state;

import java.util.Objects;

/**
 * Whose state it is: one toolpack served with one lockfile. Shared counters and challenges are kept under this name, so
 * two toolpacks, or an old and a new lockfile of the same toolpack, never share a counter or a challenge by accident.
 *
 * @param toolpack the verified toolpack's name
 * @param lockfileDigest the digest of the lockfile the server enforces ({@code sha256:...})
 */
public record StateNamespace(String toolpack, String lockfileDigest) {
  public StateNamespace {
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(lockfileDigest, "lockfileDigest");
  }
}
