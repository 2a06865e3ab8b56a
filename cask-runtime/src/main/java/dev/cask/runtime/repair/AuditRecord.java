package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One record of a server's audit log, as far as diagnosis needs it (the format is on the site page "Runtime
 * security"). The tool name and the session are the agent's text: escape them before showing them.
 *
 * @param seq the record's sequence number
 * @param time when it was written
 * @param session the MCP session
 * @param tool the tool name the agent asked for ({@code ""} for the server's own records)
 * @param decision {@code allow}, {@code deny}, {@code confirm}, {@code start} or {@code restart}
 * @param reason the reason code
 * @param rule the deciding policy rule, or null
 * @param hasArguments whether the call's arguments were read (an HMAC of them is recorded)
 * @param dryRun whether the call was a dry run
 * @param challenge the confirmation challenge, or null
 * @param upstreamStatus the upstream's status, or null
 * @param intent for an outcome of a call that was sent: its intent's sequence number, else null
 */
public record AuditRecord(
    long seq,
    Instant time,
    String session,
    String tool,
    String decision,
    String reason,
    String rule,
    boolean hasArguments,
    boolean dryRun,
    String challenge,
    Integer upstreamStatus,
    Long intent) {
  /** Reads a parsed audit line; null when it is not a record (no sequence number, time, decision or reason). */
  static AuditRecord of(JsonNode line) {
    JsonNode seq = line.get("seq");
    String decision = text(line, "decision");
    String reason = text(line, "reason");
    String time = text(line, "time");
    if (seq == null || !seq.canConvertToLong() || decision == null || reason == null || time == null) {
      return null;
    }
    Instant at;
    try {
      at = Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
    JsonNode status = line.get("upstreamStatus");
    JsonNode intent = line.get("intent");
    return new AuditRecord(seq.asLong(), at, orEmpty(text(line, "session")), orEmpty(text(line, "tool")), decision,
        reason, text(line, "rule"), text(line, "args") != null, line.path("dryRun").asBoolean(false),
        text(line, "challenge"), status != null && status.canConvertToInt() ? status.asInt() : null,
        intent != null && intent.canConvertToLong() ? intent.asLong() : null);
  }

  private static String text(JsonNode line, String name) {
    JsonNode value = line.get(name);
    return value == null || !value.isTextual() ? null : value.textValue();
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  public boolean isDenial() {
    return "deny".equals(decision);
  }

  /** The server's own record of a start ({@code start}) or of a restart after an unclean stop ({@code restart}). */
  public boolean isServerStart() {
    return "start".equals(decision) || "restart".equals(decision);
  }

  /** An intent: the request is about to leave ({@code allow}/{@code sending}, naming no intent itself). */
  public boolean isIntent() {
    return "sending".equals(reason) && intent == null;
  }
}
