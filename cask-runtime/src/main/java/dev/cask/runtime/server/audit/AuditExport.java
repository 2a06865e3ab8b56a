package dev.cask.runtime.server.audit;

/** An {@link AuditListener} that sends the records somewhere else (a collector): it says what it did and is closed. */
public interface AuditExport extends AuditListener, AutoCloseable {
  /** One line for the operator: how many records were delivered, failed or dropped (after {@link #close}). */
  String summary();

  /** Sends what is still queued (bounded in time) and stops. */
  @Override
  void close();
}
