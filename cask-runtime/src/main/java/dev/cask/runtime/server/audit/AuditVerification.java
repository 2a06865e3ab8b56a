package dev.cask.runtime.server.audit;

import java.util.List;

/**
 * The result of checking an audit log against its chain and its signed checkpoint.
 *
 * @param status {@code COMPLETE}: every record is intact and covered by a checkpoint the trusted key signed, and every
 *     call that was sent has an outcome; {@code INCOMPLETE}: the chain and the checkpoint hold, but some records are
 *     not covered by a checkpoint (or were adopted at a restart) or a sent call has no outcome — {@link #findings}
 *     says which; {@code BROKEN}: a record was changed, removed, inserted or reordered, the log was cut short, emptied,
 *     rewritten or is missing, or the checkpoint is not signed by the trusted key
 * @param records how many records were checked and found intact (before the first broken one)
 * @param head the hash of the last intact record
 * @param brokenLine the 1-based line number of the first broken record, or 0 (also 0 when the log as a whole disagrees
 *     with its checkpoint)
 * @param problem what is broken, or null
 * @param findings what an auditor should know besides: records not covered by a checkpoint, restarts after an unclean
 *     stop, calls sent without an outcome, outcomes declared unknown
 */
public record AuditVerification(
    Status status, long records, String head, long brokenLine, String problem, List<String> findings) {
  /** How far the log is proven. */
  public enum Status {
    COMPLETE,
    INCOMPLETE,
    BROKEN
  }

  public AuditVerification {
    findings = List.copyOf(findings);
  }

  /** Whether no record is broken and the log agrees with its checkpoint (it may still be {@code INCOMPLETE}). */
  public boolean intact() {
    return status != Status.BROKEN;
  }

  /** Whether every record is proven by a checkpoint and every sent call has an outcome. */
  public boolean complete() {
    return status == Status.COMPLETE;
  }

  /**
   * For a person: the first line is {@code OK: …}, {@code INCOMPLETE: …} or {@code BROKEN …: …}; each finding follows
   * on a line of its own.
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    switch (status) {
      case COMPLETE -> text.append("OK: ").append(records).append(" records, chain head ").append(head);
      case INCOMPLETE -> text.append("INCOMPLETE: ").append(records).append(" records, chain head ").append(head)
          .append("; the chain is intact, but not every record is proven (see below)");
      case BROKEN -> text.append("BROKEN").append(brokenLine > 0 ? " at line " + brokenLine : "").append(": ")
          .append(problem).append(brokenLine > 0 ? " (" + records + " records before it are intact)" : "");
    }
    for (String finding : findings) {
      text.append(System.lineSeparator()).append("  - ").append(finding);
    }
    return text.toString();
  }
}
