package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import java.util.ArrayList;
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
    ApprovalValidator validator = context.validator();
    String toolpack = context.lockfile().toolpack();
    List<Map.Entry<OperationKey, Tool>> tools = List.copyOf(context.toolpack().byOperation().entrySet());
    // The Ed25519 checks are the costly part of verification: they run for all tools at once, spread over the cores
    // (each check reads only immutable inputs); the findings are then reported in operation order, one tool at a time,
    // so the report does not depend on scheduling.
    List<Signatures> signatures = tools.parallelStream()
        .map(item -> signatures(context, validator, toolpack, item.getKey().id(), item.getValue()))
        .toList();
    for (int i = 0; i < tools.size(); i++) {
      check(context, tools.get(i).getKey(), tools.get(i).getValue(), signatures.get(i));
    }
  }

  /** The outcome of a tool's approvals: the distinct valid signers and every failure, in approval order. */
  private record Signatures(List<String> valid, List<ApprovalValidator.Failure> failures) {}

  /** Validates the approvals of a tool whose entry matches it (name and digest); null when the check stops earlier. */
  private static Signatures signatures(
      CheckContext context, ApprovalValidator validator, String toolpack, String operation, Tool tool) {
    LockEntry entry = context.lockfile().operations().get(operation);
    if (entry == null || !entry.tool().equals(tool.name()) || !entry.digest().equals(tool.digest())) {
      return null;
    }
    List<ApprovalValidator.Failure> failures = new ArrayList<>();
    List<String> valid = validator.validSigners(entry.approvals(),
        approval -> SignedPayloads.tool(toolpack, operation, entry.digest(), entry.decision(), approval.reason(),
            approval.keyId(), approval.signedAt()),
        failures::add);
    return new Signatures(valid, failures);
  }

  private static void check(CheckContext context, OperationKey operation, Tool tool, Signatures signatures) {
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
    List<ApprovalValidator.Failure> failures = signatures.failures();
    List<String> valid = signatures.valid();
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
