package dev.cask.runtime.server.upstream;

/** The guard refused a target (scheme, host or address); nothing was sent. */
public final class SsrfBlockedException extends RuntimeException {
  public SsrfBlockedException(String message) {
    super(message, null, false, false);
  }
}
