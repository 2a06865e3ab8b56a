package dev.cask.runtime.server.confirm;

/** What {@link ConfirmationStore#approve} (or {@link ConfirmationStore#decline}) did. */
public enum ApprovalResult {
  APPROVED,
  ALREADY_APPROVED,
  UNKNOWN,
  EXPIRED,
  ALREADY_USED,
  /** {@link ConfirmationStore#decline}: now declined (void). */
  DECLINED,
  /** A person declined it before: it can no longer be approved. */
  ALREADY_DECLINED
}
