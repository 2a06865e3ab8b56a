package dev.cask.runtime.server.audit;

import java.util.List;
import java.util.Objects;

/**
 * What the pipeline reports about one decision; the log adds sequence number, time, previous hash and hash.
 *
 * <p>Besides decisions, the log holds the records that make a call's life visible: an <em>intent</em> ({@code allow} /
 * {@value #SENDING}) written before a request leaves for the upstream, whose outcome record names it in
 * {@code intent}; and, after a server stopped without its final checkpoint, a {@value #RESTART} record and one
 * {@value #OUTCOME_UNKNOWN} record per intent that never got an outcome.
 *
 * @param session the MCP session id
 * @param tool the tool name the agent asked for (may be unknown to the toolpack)
 * @param decision {@code allow}, {@code deny}, {@code confirm}, or {@value #RESTART} / {@value #START} for the server's
 *     own records
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
 * @param intent for the outcome of a call whose request was sent: the sequence number of its intent record, else null
 * @param approvedVia for a call (or an answer) that used a person's approval: {@code cli} (the {@code confirm}
 *     command) or {@code elicitation} (a prompt in the MCP client), else null
 * @param covered for a {@value #RESTART} record: how many records the last signed checkpoint covered, else null
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
    String request,
    Long intent,
    String approvedVia,
    Long covered) {
  /** The reason of an intent record: the request is about to leave for the upstream. */
  public static final String SENDING = "sending";
  /** The reason of the record a restart writes for an intent without an outcome: the request may have been served. */
  public static final String OUTCOME_UNKNOWN = "outcome_unknown";
  /** The decision of the record a server writes when it starts on a log whose last run did not end cleanly. */
  public static final String RESTART = "restart";
  /** The decision of the record a server writes at start when the operator chose to start that way (on file). */
  public static final String START = "start";

  public AuditEntry {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(lockfileDigest, "lockfileDigest");
    auditRules = auditRules == null ? List.of() : List.copyOf(auditRules);
  }

  /** A decision that is neither an intent's outcome nor used an approval. */
  public AuditEntry(
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
    this(session, tool, decision, reason, rule, argumentsHmac, dryRun, challenge, upstreamStatus, latencyMicros,
        lockfileDigest, auditRules, request, null, null, null);
  }

  /** Whether this is an intent record (a request about to be sent). */
  public boolean isIntent() {
    return SENDING.equals(reason) && intent == null;
  }
}
