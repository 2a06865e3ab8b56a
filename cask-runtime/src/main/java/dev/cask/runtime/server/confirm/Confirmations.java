package dev.cask.runtime.server.confirm;

import java.util.Optional;

/**
 * Where confirmation challenges live: issued by a call, approved or declined by a person, redeemed once by the call
 * they were issued for. {@link ConfirmationStore} keeps them in files beside the audit log (one server); the Redis
 * store ({@code serve --state redis://...}) shares them between replicas. Both apply the same {@link ChallengeRules}, so
 * a challenge behaves the same wherever it lives, and both redeem a challenge at most once.
 *
 * <p>A shared store that cannot answer in time throws {@code StateUnavailableException} (unchecked); the pipeline denies
 * the call then.
 */
public interface Confirmations {
  /**
   * A challenge for this call: the one already waiting for the same tool, arguments and lockfile if there is one, else
   * a new one.
   *
   * @throws IllegalStateException when {@link ConfirmationStore#MAX_PENDING} challenges are waiting
   */
  PendingConfirmation issue(String tool, String argumentsDigest, String lockfileDigest, String summary);

  /**
   * Redeems a challenge for a call: {@link RedeemResult#ACCEPTED} only if a person approved it, it is bound to exactly
   * this tool, arguments and lockfile, has not expired and was never used; it is then marked used before this returns.
   */
  RedeemResult redeem(String id, String tool, String argumentsDigest, String lockfileDigest);

  /** A person approves a challenge, through the given channel. */
  ApprovalResult approve(String id, ApprovalChannel channel);

  /** A person declines a challenge: it is void from now on. */
  ApprovalResult decline(String id);

  /** The challenge as stored, for a person to read before approving (malformed or unknown ids: empty). */
  Optional<PendingConfirmation> describe(String id);
}
