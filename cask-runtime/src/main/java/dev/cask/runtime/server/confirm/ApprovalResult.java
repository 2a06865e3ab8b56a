package dev.cask.runtime.server.confirm;

/** What {@link ConfirmationStore#approve} did. */
public enum ApprovalResult {
  APPROVED,
  ALREADY_APPROVED,
  UNKNOWN,
  EXPIRED,
  ALREADY_USED
}
