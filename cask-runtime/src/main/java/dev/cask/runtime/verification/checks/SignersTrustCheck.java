package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import java.util.ArrayList;
import java.util.List;

/**
 * The signers file is trusted. With a baseline: unchanged content is trusted as before; changed content needs valid
 * signatures over the new content by as many distinct <em>baseline</em> signers as the baseline's strictest tier
 * requires (so nobody can add their own key and sign with it). Without a baseline the file can only vouch for itself:
 * its content must carry valid signatures by its own signers; that stops hand edits, not a forger with write access
 * (site page "Gate", threat model).
 */
public final class SignersTrustCheck implements Check {
  @Override
  public void run(CheckContext context) {
    SignersFile current = context.signers();
    CheckContext.Baselines baselines = context.baselines();
    SignersFile anchor = current;
    if (baselines.signersConfigured() && baselines.signers() != null) {
      if (SignedPayloads.signersDigest(baselines.signers()).equals(SignedPayloads.signersDigest(current))) {
        return;
      }
      anchor = baselines.signers();
    } else if (baselines.signersConfigured()) {
      context.warn(ReasonCode.SIGNERS_BOOTSTRAPPED, context.signersName(),
          "the file does not exist in the baseline, so it is trusted on its own signatures: check who is in it",
          "review the signers and their keys in this change");
    }
    String digest = SignedPayloads.signersDigest(current);
    ApprovalValidator validator = new ApprovalValidator(anchor, context.now(), context.settings().clockSkew());
    List<String> failures = new ArrayList<>();
    List<String> valid = validator.validSigners(current.approvals(),
        approval -> SignedPayloads.signers(digest, approval.reason(), approval.keyId(), approval.signedAt()),
        failure -> failures.add(failure.code().wireName() + ": " + failure.reason()));
    int required = anchor.requiredForGovernance();
    if (valid.size() < required) {
      String trustedBy = anchor == current ? "its own signers" : "signers trusted in the baseline";
      context.error(ReasonCode.SIGNERS_UNSIGNED, context.signersName(),
          "the content is signed by " + valid.size() + " of the " + required + " distinct " + trustedBy + " it needs"
              + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")"),
          Fixes.SIGNERS);
    }
  }
}
