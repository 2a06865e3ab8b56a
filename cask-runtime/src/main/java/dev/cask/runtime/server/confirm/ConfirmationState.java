package dev.cask.runtime.server.confirm;

/** The life of a challenge: issued, approved by a person, used by the confirmed call. */
public enum ConfirmationState {
  PENDING,
  APPROVED,
  USED
}
