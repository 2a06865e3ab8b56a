package dev.cask.runtime.server.confirm;

import java.util.Objects;

/**
 * One challenge as stored in {@code confirmations/<id>.json}. The token binds tool, arguments digest, lockfile digest,
 * expiry and nonce under the server key; the approval is a MAC over id and token that only a holder of the key (the
 * {@code confirm} command) can write; it also covers the channel the approval came through. Nothing secret is stored: the summary and arguments shown are already redacted.
 *
 * @param id the challenge id a person types
 * @param tool the tool name
 * @param argumentsDigest {@code sha256:} of the canonical (RFC 8785) arguments
 * @param lockfileDigest the lockfile the server was started with
 * @param createdAt ISO-8601 instant
 * @param expiresAt ISO-8601 instant; the challenge and its approval end then
 * @param nonce random hex, part of the token
 * @param token HMAC-SHA256 hex over the bound fields
 * @param state pending, approved, used or declined
 * @param approvedAt ISO-8601 instant of the approval, or null
 * @param approval HMAC-SHA256 hex over id, token and channel written by the approver, or null
 * @param approvedVia how it was approved ({@link ApprovalChannel#wireName}: {@code cli} or {@code elicitation}), or null
 * @param usedAt ISO-8601 instant of the confirmed call (or of the decline), or null
 * @param summary what will run: method, URL, headers and body, redacted
 */
public record PendingConfirmation(
    String id,
    String tool,
    String argumentsDigest,
    String lockfileDigest,
    String createdAt,
    String expiresAt,
    String nonce,
    String token,
    ConfirmationState state,
    String approvedAt,
    String approval,
    String approvedVia,
    String usedAt,
    String summary) {

  public PendingConfirmation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
    Objects.requireNonNull(lockfileDigest, "lockfileDigest");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(summary, "summary");
  }

  PendingConfirmation approved(String at, String mac, ApprovalChannel channel) {
    return new PendingConfirmation(id, tool, argumentsDigest, lockfileDigest, createdAt, expiresAt, nonce, token,
        ConfirmationState.APPROVED, at, mac, channel.wireName(), usedAt, summary);
  }

  PendingConfirmation declined(String at) {
    return new PendingConfirmation(id, tool, argumentsDigest, lockfileDigest, createdAt, expiresAt, nonce, token,
        ConfirmationState.DECLINED, approvedAt, approval, approvedVia, at, summary);
  }

  PendingConfirmation used(String at) {
    return new PendingConfirmation(id, tool, argumentsDigest, lockfileDigest, createdAt, expiresAt, nonce, token,
        ConfirmationState.USED, approvedAt, approval, approvedVia, at, summary);
  }
}
