package dev.cask.runtime.server.audit;

/**
 * The result of checking an audit log's chain.
 *
 * @param intact whether every record is well-formed and chained
 * @param records how many records were checked and found intact (before the first broken one)
 * @param head the hash of the last intact record (anchor it elsewhere to detect a truncated tail later)
 * @param brokenLine the 1-based line number of the first broken record, or 0
 * @param problem what is wrong with it, or null
 */
public record AuditVerification(boolean intact, long records, String head, long brokenLine, String problem) {
  /** One line for a person: {@code OK: 1234 records, head sha256:…} or where and why the chain breaks. */
  public String describe() {
    return intact
        ? "OK: " + records + " records, chain head " + head
        : "BROKEN at line " + brokenLine + ": " + problem + " (" + records + " records before it are intact)";
  }
}
