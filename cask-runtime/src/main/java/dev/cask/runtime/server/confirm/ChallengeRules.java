package dev.cask.runtime.server.confirm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The one definition of what a challenge is and how it may change, shared by every {@link Confirmations} store: the
 * token that binds it to tool, arguments digest, lockfile digest, expiry and nonce; the approval MAC over id, token and
 * channel; and, for a stored record and a request, the answer and the record to write. A store only reads a record,
 * asks these rules, and writes the new record atomically (a file rename under a lock, a compare-and-set on Redis).
 */
public final class ChallengeRules {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TOKEN_CONTEXT = "cask-confirmation-token-v1";
  private static final String APPROVAL_CONTEXT = "cask-confirmation-approval-v2";

  private final byte[] key;
  private final Clock clock;
  private final Duration ttl;

  /**
   * @param masterKey the server key (or the key shared by replicas); the confirmation key is derived from it
   * @param clock wall time (expiry)
   * @param ttl how long a challenge and its approval stay valid
   */
  public ChallengeRules(byte[] masterKey, Clock clock, Duration ttl) {
    this.key = KeyFile.derive(masterKey, "confirmation");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** A decision on a stored record: the answer, and the record to write in its place (null: write nothing). */
  public record Change<R>(R result, PendingConfirmation write) {}

  public Duration ttl() {
    return ttl;
  }

  public Instant now() {
    return clock.instant();
  }

  /** A new pending challenge with this id for this call, expiring one TTL from now. */
  public PendingConfirmation create(String id, String tool, String argumentsDigest, String lockfileDigest, String summary) {
    Instant now = clock.instant();
    byte[] nonceBytes = new byte[16];
    RANDOM.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    String expiresAt = now.plus(ttl).toString();
    String token = token(tool, argumentsDigest, lockfileDigest, expiresAt, nonce);
    return new PendingConfirmation(id, tool, argumentsDigest, lockfileDigest, now.toString(), expiresAt, nonce, token,
        ConfirmationState.PENDING, null, null, null, null, summary);
  }

  /** Whether a stored challenge still waits for this very call (same tool, arguments, lockfile; not over, not expired). */
  public boolean waitsFor(PendingConfirmation record, String tool, String argumentsDigest, String lockfileDigest) {
    return !record.state().isFinal() && !expired(record, clock.instant()) && record.tool().equals(tool)
        && record.argumentsDigest().equals(argumentsDigest) && record.lockfileDigest().equals(lockfileDigest);
  }

  /**
   * A call presents a challenge: the token is recomputed from this call (any difference is a mismatch), then used,
   * declined, expired and pending are refused in that order, and the approval's MAC must hold.
   */
  public Change<RedeemResult> redeem(PendingConfirmation record, String tool, String argumentsDigest, String lockfileDigest) {
    String expected = token(tool, argumentsDigest, lockfileDigest, record.expiresAt(), record.nonce());
    if (!constantTimeEquals(expected, record.token())) {
      return new Change<>(RedeemResult.MISMATCH, null);
    }
    if (record.state() == ConfirmationState.USED) {
      return new Change<>(RedeemResult.REPLAYED, null);
    }
    if (record.state() == ConfirmationState.DECLINED) {
      return new Change<>(RedeemResult.DECLINED, null);
    }
    Instant now = clock.instant();
    if (expired(record, now)) {
      return new Change<>(RedeemResult.EXPIRED, null);
    }
    if (record.state() == ConfirmationState.PENDING) {
      return new Change<>(RedeemResult.PENDING, null);
    }
    if (record.approval() == null || record.approvedVia() == null
        || !constantTimeEquals(approvalMac(record, record.approvedVia()), record.approval())) {
      return new Change<>(RedeemResult.MISMATCH, null);
    }
    return new Change<>(RedeemResult.ACCEPTED, record.used(now.toString()));
  }

  /** A person approves through a channel; the channel is kept under the approval's MAC. */
  public Change<ApprovalResult> approve(PendingConfirmation record, ApprovalChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (record.state() == ConfirmationState.USED) {
      return new Change<>(ApprovalResult.ALREADY_USED, null);
    }
    if (record.state() == ConfirmationState.DECLINED) {
      return new Change<>(ApprovalResult.ALREADY_DECLINED, null);
    }
    Instant now = clock.instant();
    if (expired(record, now)) {
      return new Change<>(ApprovalResult.EXPIRED, null);
    }
    if (record.state() == ConfirmationState.APPROVED) {
      return new Change<>(ApprovalResult.ALREADY_APPROVED, null);
    }
    return new Change<>(ApprovalResult.APPROVED,
        record.approved(now.toString(), approvalMac(record, channel.wireName()), channel));
  }

  /** A person declines: void from now on; a "no" wins over an approval not used yet; a used challenge stays used. */
  public Change<ApprovalResult> decline(PendingConfirmation record) {
    switch (record.state()) {
      case USED:
        return new Change<>(ApprovalResult.ALREADY_USED, null);
      case DECLINED:
        return new Change<>(ApprovalResult.ALREADY_DECLINED, null);
      default:
        break;
    }
    Instant now = clock.instant();
    if (expired(record, now)) {
      return new Change<>(ApprovalResult.EXPIRED, null);
    }
    return new Change<>(ApprovalResult.DECLINED, record.declined(now.toString()));
  }

  /** Whether a challenge's time is over at {@code now} (an unreadable expiry counts as over). */
  public static boolean expired(PendingConfirmation record, Instant now) {
    try {
      return !now.isBefore(Instant.parse(record.expiresAt()));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  private String token(String tool, String argumentsDigest, String lockfileDigest, String expiresAt, String nonce) {
    String message = String.join("\n", TOKEN_CONTEXT, tool, argumentsDigest, lockfileDigest, expiresAt, nonce);
    return HexFormat.of().formatHex(KeyFile.hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  private String approvalMac(PendingConfirmation record, String channel) {
    String message = String.join("\n", APPROVAL_CONTEXT, record.id(), record.token(), channel);
    return HexFormat.of().formatHex(KeyFile.hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean constantTimeEquals(String a, String b) {
    return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
