package dev.cask.runtime.model.lockfile;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.OperationKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of {@code cask.lock.yaml}: every tool decision of a toolpack, keyed by operation identity (so renaming a
 * tool cannot dodge its pin), plus the approved policy. Written sorted; read strictly.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION}); part of every signature
 * @param toolpack the toolpack this lockfile belongs to; part of every signature
 * @param sequence increases with every change written by the gate; a lower value than the baseline's is a rollback
 * @param policy the approved policy, or null while none is approved
 * @param operations operation id ({@link OperationKey#id()}) → decision
 */
public record Lockfile(
    int formatVersion, String toolpack, long sequence, PolicyLock policy, SortedMap<String, LockEntry> operations) {
  public static final int FORMAT_VERSION = 1;

  public Lockfile {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported lockfile format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    Names.toolpack(toolpack);
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
    }
    operations = Lists.sortedCopy(operations);
    Map<String, String> tools = new HashMap<>();
    for (Map.Entry<String, LockEntry> entry : operations.entrySet()) {
      OperationIds.parse(entry.getKey());
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("operation '" + entry.getKey() + "' has no entry");
      }
      String previous = tools.put(entry.getValue().tool(), entry.getKey());
      if (previous != null) {
        throw new IllegalArgumentException("tool '" + entry.getValue().tool() + "' has two entries: '" + previous
            + "' and '" + entry.getKey() + "' (one tool has exactly one operation)");
      }
    }
  }

  public static Lockfile empty(String toolpack) {
    return new Lockfile(FORMAT_VERSION, toolpack, 0, null, new TreeMap<>());
  }

  public Optional<LockEntry> entry(OperationKey operation) {
    return Optional.ofNullable(operations.get(operation.id()));
  }

  /** A copy with one entry set (replaced or added). */
  public Lockfile with(OperationKey operation, LockEntry entry) {
    TreeMap<String, LockEntry> copy = new TreeMap<>(operations);
    copy.put(operation.id(), entry);
    return new Lockfile(formatVersion, toolpack, sequence, policy, copy);
  }

  public Lockfile withPolicy(PolicyLock newPolicy) {
    return new Lockfile(formatVersion, toolpack, sequence, newPolicy, operations);
  }

  public Lockfile withSequence(long newSequence) {
    return new Lockfile(formatVersion, toolpack, newSequence, policy, operations);
  }
}
