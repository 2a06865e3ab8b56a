package dev.cask.runtime.server.confirm;

/**
 * The life of a challenge: issued, then approved by a person and used by the confirmed call, or declined by a person
 * in the client (MCP elicitation), which voids it.
 */
public enum ConfirmationState {
  PENDING,
  APPROVED,
  USED,
  DECLINED;

  /** Whether the challenge is over: used or declined (nothing can approve or redeem it any more). */
  public boolean isFinal() {
    return this == USED || this == DECLINED;
  }
}
