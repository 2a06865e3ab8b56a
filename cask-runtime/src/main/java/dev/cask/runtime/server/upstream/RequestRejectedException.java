package dev.cask.runtime.server.upstream;

/** The arguments cannot be turned into a safe request (dot segment, control character in a header ...); the call is denied. */
public final class RequestRejectedException extends RuntimeException {
  public RequestRejectedException(String message) {
    super(message, null, false, false);
  }
}
