package dev.cask.runtime.decision;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signed decisions into the lockfile: the one implementation behind {@code cask:gate-allow}, {@code cask:gate-block}
 * and the interactive review. Each decision is one signature over one tool's digest (or the policy's); another
 * signer's signature for the same digest and decision is kept, so several people can approve a sensitive tool.
 */
public final class LockfileDecisions {
  private LockfileDecisions() {}

  /** {@code lockfile} with {@code me}'s signed {@code decision} about {@code tool}. */
  public static Lockfile decide(
      Lockfile lockfile, Tool tool, LockDecision decision, SignerIdentity me, String reason, Instant now) {
    OperationKey operation = tool.definition().operation();
    LockEntry previous = lockfile.operations().get(operation.id());
    Approval mine = Approvals.tool(me.key(), me.id(), lockfile.toolpack(), operation, tool.digest(), decision, reason, now);
    List<Approval> approvals = new ArrayList<>();
    if (previous != null && previous.tool().equals(tool.name()) && previous.digest().equals(tool.digest())
        && previous.decision() == decision) {
      previous.approvals().stream().filter(a -> !a.signer().equals(me.id())).forEach(approvals::add);
    }
    approvals.add(mine);
    TreeMap<String, LockEntry> entries = new TreeMap<>(lockfile.operations());
    entries.put(operation.id(), new LockEntry(tool.name(), tool.digest(), tool.definition().risk().tier(), decision, approvals));
    return new Lockfile(lockfile.formatVersion(), lockfile.toolpack(), lockfile.sequence(), lockfile.policy(), entries);
  }

  /** {@code lockfile} with {@code me}'s signed approval of the toolpack's policy. */
  public static Lockfile approvePolicy(
      Lockfile lockfile, LoadedToolpack toolpack, SignerIdentity me, String reason, Instant now) {
    List<Approval> approvals = new ArrayList<>();
    PolicyLock previous = lockfile.policy();
    if (previous != null && previous.digest().equals(toolpack.policyDigest())
        && java.util.Objects.equals(previous.toolsets(), toolpack.toolsetsDigest())) {
      previous.approvals().stream().filter(a -> !a.signer().equals(me.id())).forEach(approvals::add);
    }
    approvals.add(Approvals.policy(me.key(), me.id(), lockfile.toolpack(), toolpack.policyDigest(),
        toolpack.toolsetsDigest(), reason, now));
    return lockfile.withPolicy(new PolicyLock(toolpack.policyDigest(), toolpack.toolsetsDigest(), approvals));
  }

  /** Writes the lockfile whole (temporary file, atomic rename) in the gate's layout. */
  public static void write(Path file, Lockfile lockfile) {
    Path dir = file.toAbsolutePath().getParent();
    CaskFiles.writeAtomically(dir, Map.of(file.getFileName().toString(), GateFiles.lockfileBytes(lockfile)));
  }
}
