package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import java.util.ArrayList;
import java.util.List;

/**
 * The toolpack's policy is the one signed in the lockfile: same canonical digest (so comments and layout do not
 * matter; every rule, limit and default does), approved by as many distinct signers as the strictest tier requires.
 * The toolpack's toolsets ({@code toolsets.yaml}) are approved with it: the same signatures cover their digest, so a
 * toolset that gains a tool is a change to approve like a policy change.
 */
public final class PolicyApprovalCheck implements Check {
  static final String SUBJECT = "policy";

  @Override
  public void run(CheckContext context) {
    PolicyLock lock = context.lockfile().policy();
    String actual = context.toolpack().policyDigest();
    if (lock == null) {
      context.error(ReasonCode.POLICY_NOT_APPROVED, SUBJECT, "policy.yaml (" + actual + ") has never been approved", Fixes.POLICY);
      return;
    }
    if (!lock.digest().equals(actual)) {
      context.error(ReasonCode.POLICY_CHANGED, SUBJECT,
          "policy.yaml changed since its approval (approved " + lock.digest() + ", now " + actual + ")", Fixes.POLICY);
      return;
    }
    String toolsets = context.toolpack().toolsetsDigest();
    if (toolsets != null && lock.toolsets() == null) {
      context.error(ReasonCode.TOOLSETS_NOT_APPROVED, SUBJECT,
          "toolsets.yaml (" + toolsets + ") was never approved with the policy", Fixes.TOOLSETS);
      return;
    }
    if (!java.util.Objects.equals(lock.toolsets(), toolsets)) {
      context.error(ReasonCode.TOOLSETS_CHANGED, SUBJECT, "toolsets.yaml changed since its approval with the policy "
          + "(approved " + lock.toolsets() + ", now " + (toolsets == null ? "none: the toolpack has no toolsets.yaml" : toolsets)
          + ")", Fixes.TOOLSETS);
      return;
    }
    String toolpack = context.lockfile().toolpack();
    List<ApprovalValidator.Failure> failures = new ArrayList<>();
    List<String> valid = context.validator().validSigners(lock.approvals(),
        approval -> SignedPayloads.policy(toolpack, lock.digest(), lock.toolsets(), approval.reason(), approval.keyId(),
            approval.signedAt()),
        failures::add);
    failures.forEach(failure -> context.error(failure.code(), SUBJECT, failure.reason(), Fixes.POLICY));
    int required = context.signers().requiredForGovernance();
    if (failures.isEmpty() && valid.size() < required) {
      context.error(ReasonCode.INSUFFICIENT_APPROVALS, SUBJECT,
          "approved by " + valid.size() + " distinct signer(s), " + required + " required", Fixes.POLICY);
    }
  }
}
