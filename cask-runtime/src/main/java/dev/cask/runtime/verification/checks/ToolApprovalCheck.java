package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import java.util.List;
import java.util.Map;

/**
 * Every tool of the toolpack has a decision for its operation, under its current name, pinned to its current digest,
 * signed by enough distinct valid signers for the tool's own risk tier (from its definition, never from the lockfile's
 * display field); blocked tools must not be in the toolpack at all.
 */
public final class ToolApprovalCheck implements Check {
  @Override
  public void run(CheckContext context) {
    ToolSignatures signatures = context.toolSignatures();
    for (Map.Entry<OperationKey, Tool> item : context.toolpack().byOperation().entrySet()) {
      check(context, item.getKey(), item.getValue(), signatures);
    }
  }

  private static void check(CheckContext context, OperationKey operation, Tool tool, ToolSignatures signatures) {
    String name = tool.name();
    RiskTier tier = tool.definition().risk().tier();
    LockEntry entry = context.lockfile().operations().get(operation.id());
    if (entry == null) {
      context.error(ReasonCode.NOT_APPROVED, name,
          "new " + tier.wireName() + " tool " + operation + " has no decision", Fixes.allow(name));
      context.status(new ToolStatus(name, operation.id(), tier, null, List.of(), ToolState.NEW, ""));
      return;
    }
    if (!entry.tool().equals(name)) {
      context.error(ReasonCode.TOOL_RENAMED, name,
          "operation " + operation.id() + " was approved as tool '" + entry.tool() + "' and is now named '" + name + "'",
          Fixes.reviewChange(name));
      context.status(new ToolStatus(name, operation.id(), tier, entry.decision(), List.of(), ToolState.CHANGED,
          "renamed from " + entry.tool()));
      return;
    }
    if (!entry.digest().equals(tool.digest())) {
      String detail = entry.risk() != tier ? "risk " + entry.risk().wireName() + " -> " + tier.wireName() : "definition changed";
      context.error(ReasonCode.DIGEST_MISMATCH, name,
          "changed since it was " + entry.decision().wireName() + " (" + detail + "; " + entry.decision().wireName() + " "
              + short12(entry.digest()) + ", now " + short12(tool.digest()) + ")",
          Fixes.reviewChange(name));
      context.status(new ToolStatus(name, operation.id(), tier, entry.decision(), List.of(), ToolState.CHANGED, detail));
      return;
    }
    int before = context.problemCount();
    if (entry.risk() != tier) {
      context.error(ReasonCode.RISK_MISMATCH, name, "the lockfile says risk " + entry.risk().wireName()
          + " but the approved definition says " + tier.wireName() + " (edited by hand?)", Fixes.reapprove(name));
    }
    ToolSignatures.Result result = signatures.of(operation.id());
    List<ApprovalValidator.Failure> failures = result.failures();
    List<String> valid = result.valid();
    failures.forEach(failure -> context.error(failure.code(), name, failure.reason(), Fixes.reapprove(name)));
    int required = entry.decision() == LockDecision.BLOCKED ? 1 : context.signers().required(tier);
    if (failures.isEmpty() && valid.size() < required) {
      context.error(ReasonCode.INSUFFICIENT_APPROVALS, name,
          tier.wireName() + " tool " + entry.decision().wireName() + " by " + valid.size() + " distinct signer(s), "
              + required + " required",
          required > 1 ? "another signer runs mvn cask:gate-allow -Dcask.tools=" + name : Fixes.reapprove(name));
    }
    boolean signaturesHold = context.problemCount() == before;
    if (entry.decision() == LockDecision.BLOCKED) {
      context.error(ReasonCode.BLOCKED_PRESENT, name, "is blocked but still in the toolpack (" + operation + ")",
          Fixes.removeBlocked(name));
      context.status(new ToolStatus(name, operation.id(), tier, entry.decision(), valid, ToolState.BLOCKED, ""));
      return;
    }
    if (signaturesHold) {
      context.approved(tool, operation, valid);
      context.status(new ToolStatus(name, operation.id(), tier, entry.decision(), valid, ToolState.APPROVED, ""));
    } else {
      String detail = context.lastCode().wireName();
      context.status(new ToolStatus(name, operation.id(), tier, entry.decision(), valid, ToolState.INVALID, detail));
    }
  }

  private static String short12(String digest) {
    return digest.substring(0, Math.min(digest.length(), "sha256:".length() + 12));
  }
}
