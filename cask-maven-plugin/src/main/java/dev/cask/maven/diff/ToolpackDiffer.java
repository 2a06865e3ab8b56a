package dev.cask.maven.diff;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.schema.BodyObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The diff engine: the current toolpack against the previously approved one, classified by {@link ChangeRule}.
 *
 * <p>Tools are matched by operation identity first (a rename is the same operation under a new name), then the
 * unmatched ones by name (the same tool moved to another method, host or path). With baseline definitions every change
 * is detailed; with only the approved digests (a lockfile and no baseline toolpack) a changed tool is reported as
 * {@link ChangeRule#CHANGED_UNDETAILED}, never as unchanged. Changes to tools whose current digest is exactly the approved
 * one are marked accepted, with the signers, and do not count against the threshold.
 */
public final class ToolpackDiffer {
  private ToolpackDiffer() {}

  /**
   * @param baseline the previously approved toolpack with full definitions, or null
   * @param current the toolpack being proposed
   * @param approved the approved digests and signers, or null when there is no lockfile
   * @param threshold the {@code cask.failOn} severity, or null to never fail
   */
  public static ToolpackDiff diff(
      ToolpackSnapshot baseline, ToolpackSnapshot current, ApprovedState approved, Severity threshold) {
    Origins origins = Origins.of(current);
    List<ToolDiff> tools;
    List<Change> toolpackChanges = new ArrayList<>();
    String baselineLabel;
    if (baseline != null) {
      tools = detailed(baseline, current, origins);
      toolpackChanges.addAll(newHosts(hosts(baseline), current));
      if (baseline.policy() != null && current.policy() != null) {
        toolpackChanges.addAll(PolicyComparer.compare(baseline.policy(), current.policy()));
      }
      toolpackChanges.addAll(ToolsetComparer.compare(baseline, current));
      baselineLabel = baseline.label();
    } else if (approved != null) {
      tools = digestsOnly(approved, current, origins);
      Set<String> approvedHosts = new TreeSet<>();
      approved.tools().values().forEach(entry -> approvedHosts.add(entry.host()));
      toolpackChanges.addAll(newHosts(approvedHosts, current));
      if (approved.policyDigest() != null && current.policyDigest() != null
          && !approved.policyDigest().equals(current.policyDigest())) {
        toolpackChanges.add(Change.of(ChangeRule.CHANGED_UNDETAILED, "/policy", "policy.yaml",
            "the policy differs from the approved one; give a baseline toolpack to see how"));
      }
      if (current.toolsetsDigest() != null && !current.toolsetsDigest().equals(approved.toolsetsDigest())) {
        toolpackChanges.add(Change.of(ChangeRule.CHANGED_UNDETAILED, "/toolsets", "toolsets.yaml",
            "the toolsets differ from the ones approved with the policy; give a baseline toolpack to see which tools"
                + " entered or left which toolset"));
      }
      baselineLabel = "approved digests in " + approved.source();
    } else {
      tools = detailed(ToolpackSnapshot.of("nothing", dev.cask.runtime.model.toolpack.ToolSet.of(current.tools().toolpack(), List.of())), current, origins);
      toolpackChanges.addAll(newHosts(Set.of(), current));
      baselineLabel = "nothing (no baseline toolpack and no lockfile: every tool is new)";
    }
    toolpackChanges.addAll(leftOutChanges(baseline, current));
    if (approved != null) {
      tools = tools.stream().map(tool -> accept(tool, approved)).toList();
      List<Change> accepted = new ArrayList<>();
      for (Change change : toolpackChanges) {
        accepted.add(acceptToolpackChange(change, approved, current));
      }
      toolpackChanges = accepted;
    }
    return new ToolpackDiff(
        ToolpackDiff.Kind.DIFF, current.tools().toolpack(), baselineLabel, current.label(), threshold, tools, toolpackChanges);
  }

  private static List<ToolDiff> detailed(ToolpackSnapshot baseline, ToolpackSnapshot current, Origins origins) {
    Map<String, Tool> before = byOperation(baseline.tools().tools());
    Map<String, Tool> after = byOperation(current.tools().tools());
    List<ToolDiff> result = new ArrayList<>();
    Map<String, Tool> unmatchedBefore = new TreeMap<>();
    Map<String, Tool> unmatchedAfter = new TreeMap<>();
    for (Map.Entry<String, Tool> entry : after.entrySet()) {
      Tool old = before.get(entry.getKey());
      if (old == null) {
        unmatchedAfter.put(entry.getValue().name(), entry.getValue());
      } else {
        result.add(changed(old, entry.getValue(), origins));
      }
    }
    for (Map.Entry<String, Tool> entry : before.entrySet()) {
      if (!after.containsKey(entry.getKey())) {
        unmatchedBefore.put(entry.getValue().name(), entry.getValue());
      }
    }
    for (Tool now : unmatchedAfter.values()) {
      Tool old = unmatchedBefore.remove(now.name());
      result.add(old != null ? changed(old, now, origins) : added(now, origins));
    }
    for (Tool old : unmatchedBefore.values()) {
      result.add(removed(old.definition().operation().id(), old.name(), old.definition().risk().tier(), old.digest()));
    }
    return result;
  }

  private static List<ToolDiff> digestsOnly(ApprovedState approved, ToolpackSnapshot current, Origins origins) {
    List<ToolDiff> result = new ArrayList<>();
    Map<String, Tool> after = byOperation(current.tools().tools());
    for (Map.Entry<String, Tool> entry : after.entrySet()) {
      Tool now = entry.getValue();
      ApprovedTool pinned = approved.tools().get(entry.getKey());
      if (pinned == null) {
        result.add(added(now, origins));
        continue;
      }
      List<Change> changes = new ArrayList<>();
      if (!pinned.digest().equals(now.digest())) {
        if (!pinned.name().equals(now.name())) {
          changes.add(Change.of(ChangeRule.TOOL_RENAMED, "/name", pinned.name() + " → " + now.name(), "")
              .withValues(pinned.name(), now.name()));
        }
        if (pinned.risk() != null && pinned.risk() != now.definition().risk().tier()) {
          boolean raised = now.definition().risk().tier().compareTo(pinned.risk()) > 0;
          changes.add(Change.of(raised ? ChangeRule.RISK_RAISED : ChangeRule.RISK_LOWERED, "/risk/tier", "risk",
              pinned.risk().wireName() + " → " + now.definition().risk().tier().wireName()));
        }
        changes.add(Change.of(ChangeRule.CHANGED_UNDETAILED, "", now.name(),
                "digest " + shortDigest(pinned.digest()) + " → " + shortDigest(now.digest())
                    + "; give a baseline toolpack (-Dcask.baseline) to see what changed")
            .withValues(pinned.digest(), now.digest()));
      }
      result.add(toolDiff(now, pinned.name(), pinned.digest(), changes.isEmpty() ? ToolStatus.UNCHANGED : ToolStatus.CHANGED, changes, origins));
    }
    for (ApprovedTool pinned : approved.tools().values()) {
      if (!after.containsKey(pinned.operation()) && !pinned.blocked()) {
        result.add(removed(pinned.operation(), pinned.name(), pinned.risk(), pinned.digest()));
      }
    }
    return result;
  }

  private static ToolDiff changed(Tool old, Tool now, Origins origins) {
    List<Change> changes = old.digest().equals(now.digest()) ? List.of() : ToolComparer.compare(old.definition(), now.definition());
    return toolDiff(now, old.name(), old.digest(), changes.isEmpty() ? ToolStatus.UNCHANGED : ToolStatus.CHANGED, changes, origins);
  }

  private static ToolDiff added(Tool now, Origins origins) {
    ToolDefinition definition = now.definition();
    Change change =
        Change.of(ChangeRule.TOOL_ADDED, "", now.name(),
                ToolComparer.target(definition) + " (" + definition.risk().tier().wireName() + ")" + openBody(definition))
            .withSeverity(ToolComparer.addedSeverity(definition.risk().tier()))
            .withValues(null, definition.description());
    return toolDiff(now, null, null, ToolStatus.ADDED, List.of(change), origins);
  }

  /**
   * Where the new tool's request body takes properties its schema does not name, because the source explicitly allows
   * them there: a reviewer decides whether the agent may set fields nobody listed (mass assignment).
   */
  private static String openBody(ToolDefinition definition) {
    BodyBinding body = definition.binding().body();
    List<String> open = BodyObjects.close(definition.inputSchema(), body == null ? null : body.argument()).open().stream()
        .map(place -> SchemaPaths.display(place.pointer()))
        .toList();
    return open.isEmpty() ? "" : "; the body takes properties its schema does not name at " + String.join(", ", open);
  }

  private static ToolDiff removed(String operation, String name, dev.cask.runtime.model.RiskTier risk, String digest) {
    Change change = Change.of(ChangeRule.TOOL_REMOVED, "", name, operation).forTool(name, operation);
    return new ToolDiff(name, null, operation, ToolStatus.REMOVED, risk, null, digest, null, null, List.of(change));
  }

  private static ToolDiff toolDiff(
      Tool now, String previousName, String previousDigest, ToolStatus status, List<Change> changes, Origins origins) {
    String operation = now.definition().operation().id();
    List<Change> owned = changes.stream().map(change -> change.forTool(now.name(), operation)).toList();
    Optional<CapturedOperation> origin = origins.of(now.definition().operation());
    return new ToolDiff(
        now.name(),
        previousName != null && !previousName.equals(now.name()) ? previousName : null,
        operation,
        status,
        now.definition().risk().tier(),
        now.digest(),
        previousDigest,
        origin.map(op -> op.origin().source()).orElse(null),
        origin.map(op -> op.origin().locator()).orElse(null),
        owned);
  }

  /**
   * Where each current operation was declared or seen, indexed once per diff: looking each tool up in the capture's
   * list made a 1,223-tool diff quadratic (10 s for no change at all).
   */
  private record Origins(Map<String, CapturedOperation> byOperation) {
    static Origins of(ToolpackSnapshot snapshot) {
      Map<String, CapturedOperation> index = new java.util.HashMap<>();
      if (snapshot.capture() != null) {
        snapshot.capture().operations().forEach(op -> index.putIfAbsent(op.key().id(), op));
      }
      return new Origins(index);
    }

    Optional<CapturedOperation> of(OperationKey key) {
      return Optional.ofNullable(byOperation.get(key.id()));
    }
  }

  private static List<Change> newHosts(Set<String> knownHosts, ToolpackSnapshot current) {
    SortedMap<String, List<String>> users = new TreeMap<>();
    for (Tool tool : current.tools().tools()) {
      String host = tool.definition().host();
      if (!knownHosts.contains(host)) {
        users.computeIfAbsent(host, key -> new ArrayList<>()).add(tool.name());
      }
    }
    List<Change> changes = new ArrayList<>();
    users.forEach((host, names) -> changes.add(
        Change.of(ChangeRule.NEW_UPSTREAM_HOST, "", host, "called by " + String.join(", ", names))));
    return changes;
  }

  /**
   * Operations newly left out (not sound), and left-out operations compiled again, from the {@code leftOut} lists of
   * both sides. Without a baseline capture, every operation left out now is reported, at low severity.
   */
  private static List<Change> leftOutChanges(ToolpackSnapshot baseline, ToolpackSnapshot current) {
    Map<String, LeftOutOperation> now = unsound(current.capture());
    boolean known = baseline != null && baseline.capture() != null;
    Map<String, LeftOutOperation> before = known ? unsound(baseline.capture()) : Map.of();
    List<Change> changes = new ArrayList<>();
    now.forEach((identity, op) -> {
      if (!before.containsKey(identity)) {
        Change change =
            Change.of(ChangeRule.OPERATION_LEFT_OUT, "", subject(op), op.source() + "#" + op.pointer() + ": " + op.reason());
        changes.add(known ? change : change.withSeverity(Severity.LOW));
      }
    });
    before.forEach((identity, op) -> {
      if (!now.containsKey(identity)) {
        changes.add(Change.of(ChangeRule.OPERATION_COMPILED, "", subject(op), op.source() + "#" + op.pointer()));
      }
    });
    return changes;
  }

  private static Map<String, LeftOutOperation> unsound(Capture capture) {
    Map<String, LeftOutOperation> byIdentity = new TreeMap<>();
    if (capture != null) {
      capture.leftOutOperations().stream().filter(op -> op.coveredBy() == null)
          .forEach(op -> byIdentity.putIfAbsent(op.identity(), op));
    }
    return byIdentity;
  }

  private static String subject(LeftOutOperation op) {
    return op.operation() != null ? op.operation() : op.pointer();
  }

  private static Set<String> hosts(ToolpackSnapshot snapshot) {
    Set<String> hosts = new TreeSet<>();
    snapshot.tools().tools().forEach(tool -> hosts.add(tool.definition().host()));
    return hosts;
  }

  private static ToolDiff accept(ToolDiff tool, ApprovedState approved) {
    if (tool.changes().isEmpty()) {
      return tool;
    }
    Acceptance acceptance = null;
    if (tool.status() == ToolStatus.REMOVED) {
      if (!approved.tools().containsKey(tool.operation())) {
        acceptance = new Acceptance(List.of(), approved.source()); // the lockfile no longer pins it
      }
    } else {
      ApprovedTool pinned = approved.tools().get(tool.operation());
      if (pinned != null && !pinned.blocked() && pinned.digest().equals(tool.digest())) {
        acceptance = new Acceptance(pinned.signers(), approved.source());
      }
    }
    if (acceptance == null) {
      return tool;
    }
    Acceptance granted = acceptance;
    return new ToolDiff(tool.name(), tool.previousName(), tool.operation(), tool.status(), tool.risk(), tool.digest(),
        tool.baselineDigest(), tool.source(), tool.sourcePointer(), tool.changes().stream().map(c -> c.accepted(granted)).toList());
  }

  private static Change acceptToolpackChange(Change change, ApprovedState approved, ToolpackSnapshot current) {
    if (change.rule() == ChangeRule.NEW_UPSTREAM_HOST) {
      List<String> signers = new ArrayList<>();
      for (Tool tool : current.tools().tools()) {
        if (!tool.definition().host().equals(change.subject())) {
          continue;
        }
        ApprovedTool pinned = approved.tools().get(tool.definition().operation().id());
        if (pinned == null || pinned.blocked() || !pinned.digest().equals(tool.digest())) {
          return change;
        }
        signers.addAll(pinned.signers());
      }
      return change.accepted(new Acceptance(signers, approved.source()));
    }
    if (change.pointer().startsWith("/toolsets")) {
      boolean approvedNow = approved.policyDigest() != null && current.toolsetsDigest() != null
          && current.toolsetsDigest().equals(approved.toolsetsDigest());
      return approvedNow ? change.accepted(new Acceptance(approved.policySigners(), approved.source())) : change;
    }
    boolean aboutPolicy = change.rule().category() == ChangeRule.Category.POLICY || change.pointer().equals("/policy");
    if (aboutPolicy && approved.policyDigest() != null
        && approved.policyDigest().equals(current.policyDigest())) {
      return change.accepted(new Acceptance(approved.policySigners(), approved.source()));
    }
    return change;
  }

  private static Map<String, Tool> byOperation(List<Tool> tools) {
    Map<String, Tool> map = new LinkedHashMap<>();
    for (Tool tool : tools) {
      Tool previous = map.put(tool.definition().operation().id(), tool);
      if (previous != null) {
        throw new dev.cask.runtime.CaskException("tools.json", "/tools (" + tool.name() + ", " + previous.name() + ")",
            "two tools call the same operation " + tool.definition().operation().id(),
            "recompile the toolpack: the compiler makes one tool per operation");
      }
    }
    return map;
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    String hex = colon < 0 ? digest : digest.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
