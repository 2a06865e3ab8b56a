package dev.cask.runtime.server.audit;

/**
 * Told of every record and checkpoint the audit log writes, after it is written, in the log's order (under the log's
 * lock): an export to a collector ({@code serve --audit-otlp}) and the metrics derived from the decisions. The file stays
 * the source of truth. A listener must return at once and never throw: what it does cannot hold up, allow or deny a
 * call (an exception is caught, counted and logged by the log).
 */
public interface AuditListener {
  /** The listener of a server that exports nothing. */
  AuditListener NONE = new AuditListener() {
    @Override
    public void recorded(AuditEntry entry, long seq, String hash, String line) {}

    @Override
    public void checkpointed(String line) {}
  };

  /**
   * A record was written.
   *
   * @param entry what the pipeline reported
   * @param seq its sequence number
   * @param hash its chain hash ({@code sha256:...})
   * @param line the exact line as written (ASCII, without the newline): its bytes before {@code ,"hash":} hash to
   *     {@code hash}
   */
  void recorded(AuditEntry entry, long seq, String hash, String line);

  /** A checkpoint was signed and written: its exact line (without the newline). */
  void checkpointed(String line);
}
