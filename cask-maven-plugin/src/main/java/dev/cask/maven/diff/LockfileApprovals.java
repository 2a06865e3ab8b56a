package dev.cask.maven.diff;

import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.VerificationReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The approved state diff compares against, read from the gate's verification of the signed lockfile: only what the
 * verifier accepted counts. An entry whose signatures do not hold (invalid, unknown or revoked signer, too few
 * signers) approves nothing, and an approval is credited to a signer only when its signature verified over exactly the
 * current definition. The diff never checks a signature itself: the gate's verifier is the one implementation.
 */
public final class LockfileApprovals {
  private LockfileApprovals() {}

  /** The approved state, or empty when there is no readable lockfile. */
  public static Optional<ApprovedState> from(VerificationReport report, String source) {
    Optional<Lockfile> lockfile = report.lockfile();
    if (lockfile.isEmpty()) {
      return Optional.empty();
    }
    Map<String, ToolStatus> statusByOperation =
        report.tools().stream().collect(Collectors.toMap(ToolStatus::operation, Function.identity(), (a, b) -> a));
    TreeMap<String, ApprovedTool> tools = new TreeMap<>();
    lockfile.get().operations().forEach((operation, entry) -> {
      ToolStatus status = statusByOperation.get(operation);
      ToolState state = status == null ? ToolState.STALE : status.state();
      if (state == ToolState.INVALID || state == ToolState.NEW) {
        return; // signatures that do not hold approve nothing
      }
      List<String> signers = state == ToolState.APPROVED || state == ToolState.BLOCKED ? status.signers() : List.of();
      tools.put(operation, approvedTool(operation, entry, signers));
    });
    boolean policyValid = report.errors().stream().noneMatch(problem -> problem.subject().equals("policy"));
    String policyDigest = lockfile.get().policy() == null ? null : lockfile.get().policy().digest();
    List<String> policySigners = policyValid && lockfile.get().policy() != null
        ? lockfile.get().policy().approvals().stream().map(Approval::signer).distinct().sorted().toList()
        : List.of();
    String toolsetsDigest = lockfile.get().policy() == null ? null : lockfile.get().policy().toolsets();
    return Optional.of(new ApprovedState(source, tools, policyValid ? policyDigest : null, policySigners,
        policyValid ? toolsetsDigest : null));
  }

  private static ApprovedTool approvedTool(String operation, LockEntry entry, List<String> signers) {
    return new ApprovedTool(
        operation, entry.tool(), entry.digest(), entry.risk(), entry.decision() == LockDecision.BLOCKED, signers);
  }
}
