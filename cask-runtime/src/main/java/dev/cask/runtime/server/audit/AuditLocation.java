package dev.cask.runtime.server.audit;

import java.nio.file.Path;

/** Where a server's audit log goes unless {@code --audit-log} says otherwise; its confirmations and key live beside it. */
public final class AuditLocation {
  private AuditLocation() {}

  /** {@code ~/.cask/<toolpack>/audit.jsonl}. */
  public static Path defaultFor(String toolpack) {
    return Path.of(System.getProperty("user.home"), ".cask", toolpack, "audit.jsonl");
  }
}
