package dev.cask.runtime.server.confirm;

/** What happened when a call presented a challenge id. */
public enum RedeemResult {
  /** Approved, bound to exactly this call, not expired, not used before: now marked used. */
  ACCEPTED("ok"),
  /** Not approved yet. */
  PENDING("confirmation_pending"),
  /** No such challenge (never issued, purged, or malformed id). */
  UNKNOWN("confirmation_invalid"),
  /** The challenge's time is over. */
  EXPIRED("confirmation_expired"),
  /** The challenge was already used by a call. */
  REPLAYED("confirmation_replayed"),
  /** A person declined the challenge in the client: it is void. */
  DECLINED("confirmation_declined"),
  /** The call differs from the one confirmed (tool, arguments or lockfile), or the stored record was tampered with. */
  MISMATCH("confirmation_mismatch");

  private final String reasonCode;

  RedeemResult(String reasonCode) {
    this.reasonCode = reasonCode;
  }

  public String reasonCode() {
    return reasonCode;
  }
}
