package dev.cask.runtime.verification;

import java.util.Locale;

/**
 * Why verification failed, as a stable machine-readable code (build output, runtime start-up errors, tests and the
 * site page "Gate" use these names).
 */
public enum ReasonCode {
  // Files
  TOOLPACK_INVALID("the toolpack cannot be read or fails its integrity check"),
  LOCKFILE_MISSING("there is no lockfile"),
  LOCKFILE_INVALID("the lockfile cannot be read (syntax, unknown or duplicate field, bad value)"),
  SIGNERS_MISSING("there is no signers file"),
  SIGNERS_INVALID("the signers file cannot be read (syntax, unknown or duplicate field, bad value)"),
  BASELINE_INVALID("a baseline file cannot be read"),
  TOOLPACK_MISMATCH("the lockfile belongs to another toolpack"),
  // History
  SEQUENCE_ROLLBACK("the lockfile sequence is lower than the baseline's"),
  SEQUENCE_NOT_INCREASED("the lockfile changed but its sequence did not increase"),
  BLOCK_REMOVED("a signed block present in the baseline lockfile was deleted"),
  // Signers
  KEY_ID_MISMATCH("a signer's key id is not derived from its public key"),
  SIGNER_KEY_INVALID("a signer's public key is not an Ed25519 key in the documented form"),
  SIGNERS_UNSIGNED("the signers file changed without enough valid signatures by trusted signers"),
  SIGNERS_BOOTSTRAPPED("the signers file is new: it trusts itself"),
  SIGNERS_CHAIN_GAP("a version of the signers chain is missing (no history file, a skipped version)"),
  SIGNERS_CHAIN_BROKEN("a version of the signers history does not link to the version before it (an edited or forged entry)"),
  SIGNERS_ROLLBACK("the signers file is older than a version already seen (history, baseline)"),
  // Trust anchors (from outside the repository)
  TRUST_ANCHOR_INVALID("a trust anchor cannot be read"),
  SIGNERS_ANCHOR_MISMATCH("a trust anchor vouches for no version of the signers chain"),
  SIGNERS_NOT_ANCHORED("no trust anchor was given, and one is required"),
  // Policy
  POLICY_NOT_APPROVED("the policy has no approval"),
  POLICY_CHANGED("the policy differs from the approved one"),
  // Toolsets (approved with the policy)
  TOOLSETS_NOT_APPROVED("the toolsets have no approval"),
  TOOLSETS_CHANGED("the toolsets differ from the ones approved with the policy"),
  // Tools
  NOT_APPROVED("a tool has no decision (new)"),
  DIGEST_MISMATCH("a tool changed since its approval"),
  TOOL_RENAMED("an operation's tool was renamed since its approval"),
  RISK_MISMATCH("the lockfile's risk tier disagrees with the tool's"),
  BLOCKED_PRESENT("a blocked tool is still in the toolpack"),
  STALE("an approval for an operation that is no longer in the toolpack"),
  // Approvals (of tools, the policy and the signers file)
  SIGNATURE_MALFORMED("a signature is not canonical base64 of 64 bytes"),
  SIGNATURE_INVALID("a signature does not verify"),
  SIGNER_UNKNOWN("an approval's key is not in the signers file"),
  SIGNER_KEY_MISMATCH("an approval names another signer than the owner of its key"),
  SIGNER_REVOKED("an approval's signer is revoked"),
  SIGNER_EXPIRED("an approval's signer is past its notAfter"),
  SIGNED_AFTER_EXPIRY("an approval is dated after its signer's notAfter"),
  SIGNED_IN_FUTURE("an approval is dated in the future"),
  INSUFFICIENT_APPROVALS("fewer distinct signers than the risk tier requires");

  private final String meaning;

  ReasonCode(String meaning) {
    this.meaning = meaning;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String meaning() {
    return meaning;
  }
}
