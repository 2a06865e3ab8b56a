package dev.cask.runtime.server.state;

/**
 * The shared state store did not answer (unreachable, refused, or slower than its bounded timeout). The call that needed
 * it is denied with {@code state_unavailable}: nothing is counted or redeemed on the replica's own authority. Its
 * message names the store (never its password) and what happened, for the operator's log.
 */
public final class StateUnavailableException extends RuntimeException {
  public StateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
