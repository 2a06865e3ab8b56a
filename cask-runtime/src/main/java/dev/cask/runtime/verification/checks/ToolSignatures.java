package dev.cask.runtime.verification.checks;

import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.SignedPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature checks of every tool decision in a lockfile (payload, signer, key, dates, Ed25519), done for all entries
 * at once and spread over the cores. They need only the lockfile, the signers file and the time, so the verifier runs
 * them while the toolpack is still being read; {@link ToolApprovalCheck} then reports, in operation order, the results
 * of the entries that match the toolpack's tools. Every approval of every entry is checked: nothing is skipped because
 * of what the toolpack holds.
 */
public final class ToolSignatures {
  /** The outcome of one entry's approvals: the distinct valid signers and every failure, in approval order. */
  public record Result(List<String> valid, List<ApprovalValidator.Failure> failures) {
    public Result {
      valid = List.copyOf(valid);
      failures = List.copyOf(failures);
    }
  }

  private final Lockfile lockfile;
  private final SignersFile signers;
  private final Instant now;
  private final Duration clockSkew;
  private final Map<String, Result> byOperation;

  private ToolSignatures(
      Lockfile lockfile, SignersFile signers, Instant now, Duration clockSkew, Map<String, Result> byOperation) {
    this.lockfile = lockfile;
    this.signers = signers;
    this.now = now;
    this.clockSkew = clockSkew;
    this.byOperation = byOperation;
  }

  /** Checks the approvals of every entry of {@code lockfile} against {@code signers} at {@code now}. */
  public static ToolSignatures check(Lockfile lockfile, SignersFile signers, Instant now, Duration clockSkew) {
    ApprovalValidator validator = new ApprovalValidator(signers, now, clockSkew);
    String toolpack = lockfile.toolpack();
    List<Map.Entry<String, LockEntry>> entries = List.copyOf(lockfile.operations().entrySet());
    List<Result> results = entries.parallelStream()
        .map(entry -> result(validator, toolpack, entry.getKey(), entry.getValue()))
        .toList();
    Map<String, Result> byOperation = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      byOperation.put(entries.get(i).getKey(), results.get(i));
    }
    return new ToolSignatures(lockfile, signers, now, clockSkew, byOperation);
  }

  private static Result result(ApprovalValidator validator, String toolpack, String operation, LockEntry entry) {
    List<ApprovalValidator.Failure> failures = new ArrayList<>();
    List<String> valid = validator.validSigners(entry.approvals(),
        approval -> SignedPayloads.tool(toolpack, operation, entry.digest(), entry.decision(), approval.reason(),
            approval.keyId(), approval.signedAt()),
        failures::add);
    return new Result(valid, failures);
  }

  /** Whether these results are for exactly this lockfile and signers file (the same objects), time and skew. */
  boolean covers(Lockfile lockfile, SignersFile signers, Instant now, Duration clockSkew) {
    return this.lockfile == lockfile && this.signers == signers && this.now.equals(now)
        && this.clockSkew.equals(clockSkew);
  }

  /** The result for the entry of {@code operation}. */
  Result of(String operation) {
    Result result = byOperation.get(operation);
    if (result == null) {
      throw new IllegalStateException("no signature result for " + operation);
    }
    return result;
  }
}
