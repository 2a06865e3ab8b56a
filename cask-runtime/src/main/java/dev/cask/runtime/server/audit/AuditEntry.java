package dev.cask.runtime.server.audit;

import java.util.List;
import java.util.Objects;

/**
 * What the pipeline reports about one decision; the log adds sequence number, time, previous hash and hash.
 *
 * @param session the MCP session id
 * @param tool the tool name the agent asked for (may be unknown to the toolpack)
 * @param decision {@code allow}, {@code deny} or {@code confirm}
 * @param reason the reason code
 * @param rule the deciding policy rule id, or null
 * @param argumentsHmac {@code hmac-sha256:<hex>} of the canonical arguments, or null when they could not be read
 * @param dryRun whether the call was a dry run
 * @param challenge the confirmation challenge id issued or redeemed, or null
 * @param upstreamStatus the upstream HTTP status, or null when nothing was sent
 * @param latencyMicros time spent in the pipeline, upstream included
 * @param lockfileDigest the lockfile the server runs
 * @param auditRules ids of matching {@code audit} rules
 * @param request for calls matched by an {@code audit} rule: method and URL (redacted), else null
 */
public record AuditEntry(
    String session,
    String tool,
    String decision,
    String reason,
    String rule,
    String argumentsHmac,
    boolean dryRun,
    String challenge,
    Integer upstreamStatus,
    long latencyMicros,
    String lockfileDigest,
    List<String> auditRules,
    String request) {
  public AuditEntry {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(lockfileDigest, "lockfileDigest");
    auditRules = auditRules == null ? List.of() : List.copyOf(auditRules);
  }
}
