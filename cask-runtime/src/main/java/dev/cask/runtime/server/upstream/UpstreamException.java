package dev.cask.runtime.server.upstream;

/** The upstream call failed; {@link #reasonCode()} is the audit and agent-facing reason. */
public final class UpstreamException extends Exception {
  private final String reasonCode;

  public UpstreamException(String reasonCode, String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = reasonCode;
  }

  public String reasonCode() {
    return reasonCode;
  }
}
