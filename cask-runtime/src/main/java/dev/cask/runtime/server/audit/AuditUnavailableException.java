package dev.cask.runtime.server.audit;

/** A record could not be written; the server denies every call from then on (no unaudited call runs). */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
