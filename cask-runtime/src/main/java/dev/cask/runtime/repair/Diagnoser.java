package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.ArgumentCondition;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.propose.OperationProposals;
import dev.cask.runtime.propose.Proposal;
import dev.cask.runtime.propose.ProposalText;
import dev.cask.runtime.text.ControlCharacters;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one diagnosis logic, shared by {@code mvn cask:repair} and {@code java -jar cask-runtime.jar repair}: audited
 * failures are grouped by root cause (one diagnosis per blocked tool, per denying rule, per drifted tool ..., with a
 * count and a time range), joined with what the gate, the drift, diff and verify reports and the pending proposals say
 * about the same tool, and each diagnosis gets its fixes (see {@link FixClass}).
 */
final class Diagnoser {
  /** The most unknown tool names diagnosed one by one; the rest are summed up in one diagnosis. */
  static final int MAX_UNKNOWN_NAMES = 20;

  private static final Set<String> POLICY = Set.of("policy_deny", "policy_default_deny", "policy_unevaluable");
  private static final Set<String> LIMITS = Set.of("rate_limited", "budget_exhausted");
  private static final Set<String> CONFIRMATION = Set.of("confirmation_invalid", "confirmation_expired",
      "confirmation_replayed", "confirmation_mismatch", "confirmation_declined", "confirmation_unavailable");
  private static final Set<String> UPSTREAM = Set.of("output_schema_mismatch", "upstream_error", "upstream_redirect",
      "upstream_timeout", "upstream_unreachable", "upstream_response_too_large", "upstream_failed", "redirect_blocked",
      "redaction_failed");
  private static final Set<String> REFUSED = Set.of("ssrf_blocked", "request_invalid", "integrity_mismatch");
  private static final Set<String> SERVER = Set.of("audit_unavailable", "error_internal");
  private static final Set<String> DRIFT_INPUT = Set.of("undocumented-input", "input-type-changed", "input-became-optional");
  /** What a fix that brings a tool into the toolpack also signs (see {@link #allowEnteringTool}). */
  private static final String TOOLSETS_SIGNED = ", with the toolsets it enters (toolsets.yaml, signed with the policy:"
      + " review target/cask/toolsets.yaml and policy.yaml first)";

  private final RepairSettings settings;
  private final Commands commands;
  private final GateState gate;
  private final RepairInputs inputs;
  private final List<Diagnosis> found = new ArrayList<>();
  private final Map<String, byte[]> prepared = new TreeMap<>();
  /** Tools and proposals a diagnosis already speaks for. */
  private final Set<String> coveredTools = new HashSet<>();
  private final Set<String> coveredProposals = new HashSet<>();

  Diagnoser(RepairSettings settings, GateState gate, RepairInputs inputs) {
    this.settings = settings;
    this.commands = new Commands(settings);
    this.gate = gate;
    this.inputs = inputs;
  }

  /** Files the fixes' commands use (a prepared policy), by name, to be written under {@code repair/}. */
  Map<String, byte[]> prepared() {
    return prepared;
  }

  List<Diagnosis> diagnose() {
    Map<String, Bucket> buckets = group(inputs.auditRecords());
    List<Bucket> unknown = new ArrayList<>();
    for (Bucket bucket : buckets.values()) {
      switch (bucket.category) {
        case "unknown_tool" -> unknown.add(bucket);
        case "policy" -> policy(bucket);
        case "invalid_arguments" -> invalidArguments(bucket);
        case "limits" -> limits(bucket);
        case "confirmation" -> confirmation(bucket);
        case "upstream" -> upstream(bucket);
        case "outcome_unknown", "restart" -> auditGaps(bucket);
        default -> refused(bucket);
      }
    }
    unknownTools(unknown);
    gateProblems();
    driftFindings();
    verifyFailures();
    proposals();
    return numbered();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Grouping

  private static Map<String, Bucket> group(List<AuditRecord> records) {
    // Intents whose outcome (or whose outcome_unknown, written at a restart) is in the log.
    Set<Long> answered = new HashSet<>();
    records.forEach(record -> {
      if (record.intent() != null) {
        answered.add(record.intent());
      }
    });
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    for (AuditRecord record : records) {
      String category = record.isIntent() && !answered.contains(record.seq()) ? "outcome_unknown" : category(record);
      if (category == null) {
        continue;
      }
      String rule = category.equals("policy") ? record.rule() : category.equals("upstream") ? record.reason() : null;
      String tool = category.equals("restart") ? "" : record.tool();
      buckets.computeIfAbsent(Bucket.key(category, tool, rule), k -> new Bucket(category, tool, rule)).add(record);
    }
    return buckets;
  }

  /** What kind of failure a record is, or null when it is none (an allowed call, a challenge, a proposal ...). */
  private static String category(AuditRecord record) {
    String reason = record.reason();
    if (record.decision().equals("restart")) {
      return "restart";
    }
    if (reason.equals("outcome_unknown")) {
      return "outcome_unknown";
    }
    if (UPSTREAM.contains(reason)) {
      return "upstream";
    }
    if (!record.isDenial()) {
      return null;
    }
    if (reason.equals("unknown_tool")) {
      return "unknown_tool";
    }
    if (POLICY.contains(reason)) {
      return "policy";
    }
    if (reason.equals("invalid_arguments")) {
      return "invalid_arguments";
    }
    if (LIMITS.contains(reason)) {
      return "limits";
    }
    if (CONFIRMATION.contains(reason)) {
      return "confirmation";
    }
    if (REFUSED.contains(reason) || SERVER.contains(reason) || reason.equals("invalid_request")) {
      return "refused";
    }
    return null; // a proposal refused, or a reason this version does not know: nothing to repair here
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Denials

  private void unknownTools(List<Bucket> unknown) {
    unknown.sort(Comparator.comparingInt((Bucket b) -> -b.count).thenComparing(b -> b.tool));
    Bucket rest = null;
    int distinct = 0;
    for (int i = 0; i < unknown.size(); i++) {
      Bucket bucket = unknown.get(i);
      Optional<ToolStatus> status = gate.status(bucket.tool);
      boolean known = status.isPresent() || gate.definition(bucket.tool).isPresent();
      if (known || i < MAX_UNKNOWN_NAMES) {
        unknownTool(bucket, status);
      } else {
        if (rest == null) {
          rest = new Bucket("unknown_tool", "", null);
        }
        rest.addAll(bucket);
        distinct++;
      }
    }
    if (rest != null) {
      add(new Diagnosis("", "unknown-tools", rest.count + " calls of " + distinct + " more tool names that exist nowhere",
          "An agent called " + distinct + " further names that are neither in the toolpack nor in the lockfile (the "
              + MAX_UNKNOWN_NAMES + " most called are listed one by one). Many distinct names are a sign of probing.",
          null, rest.count, rest.first, rest.last, rest.reasons, List.of(auditEvidence(rest)),
          List.of(Fix.manual("Nothing to grant: find out what the agent was asked to do; if it needs an operation of the"
              + " API, add it to the API source and recompile.", List.of()))));
    }
  }

  private void unknownTool(Bucket bucket, Optional<ToolStatus> status) {
    String tool = bucket.tool;
    String shown = shownTool(tool);
    List<String> evidence = new ArrayList<>(List.of(auditEvidence(bucket)));
    List<Proposal> asked = proposalsFor(tool);
    asked.forEach(p -> evidence.add(proposalEvidence(p)));
    ToolState state = status.map(ToolStatus::state).orElse(null);
    Optional<ToolDefinition> definition = gate.definition(tool);
    if (state == ToolState.BLOCKED && definition.isEmpty()) {
      ToolStatus blocked = status.get();
      coveredTools.add(tool);
      ToolDefinition standIn = GateState.standIn(blocked);
      List<Fix> fixes = new ArrayList<>();
      fixes.add(Fix.safe("Shows the tool's signed block in the gate's table.", commands.mvn("cask:gate-status")));
      fixes.add(Fix.manual("If the block was wrong: put the operation " + blocked.operation() + " back into the API source"
          + " (it was removed because it is blocked), so that compiling makes the tool again.", List.of()));
      fixes.addAll(acceptProposals(asked, false));
      fixes.add(Fix.approval("After the operation is back in the API source: compiles it and lifts the block by approving"
              + " the tool (a signed decision in cask.lock.yaml)" + TOOLSETS_SIGNED + "; then restart serve.",
          List.of(commands.mvn("generate-resources"), allowEnteringTool(tool, "lifts the block of " + tool + " after repair")),
          grant(standIn, blocked.risk(), bucket.count)));
      add(new Diagnosis("", "tool-blocked", shown + " is blocked in the lockfile", tool + " (" + blocked.operation()
          + ", " + risk(blocked.risk()) + ") is blocked by a signed decision in cask.lock.yaml, so the server does not"
          + " serve it: every call of it is denied as unknown_tool.", tool, bucket.count, bucket.first, bucket.last,
          bucket.reasons, evidence, fixes));
      return;
    }
    if (definition.isPresent() && state != null && state != ToolState.APPROVED) {
      coveredTools.add(tool);
      ToolDefinition def = definition.get();
      String why = switch (state) {
        case NEW -> "is in the toolpack but nobody has approved it yet";
        case CHANGED -> "changed since it was approved (" + status.get().detail() + "): the approval no longer covers it";
        case BLOCKED -> "is blocked by a signed decision but still in the toolpack";
        default -> "has approvals whose signatures do not hold (" + status.get().detail() + ")";
      };
      List<Fix> fixes = new ArrayList<>();
      fixes.add(Fix.safe("Shows the tool's state in the gate's table.", commands.mvn("cask:gate-status")));
      if (state == ToolState.CHANGED) {
        fixes.add(Fix.safe("Lists what changed since the approval (diff.json, diff.md).",
            commands.mvn("cask:diff", "-Dcask.failOn=none")));
      }
      fixes.addAll(acceptProposals(asked, false));
      fixes.add(Fix.approval("Approves the tool as it is now (a signed decision in cask.lock.yaml); then restart serve.",
          List.of(allowTool(tool, "approved after repair: " + bucket.count + " denied call(s)")),
          grant(def, def.risk().tier(), bucket.count)));
      add(new Diagnosis("", "tool-not-approved", shown + " " + (state == ToolState.CHANGED ? "changed since approval"
          : "is not approved"), tool + " (" + operation(def) + ", " + risk(def.risk().tier()) + ") " + why + ", so the"
          + " server does not serve it: every call of it is denied as unknown_tool.", tool, bucket.count, bucket.first,
          bucket.last, bucket.reasons, evidence, fixes));
      return;
    }
    if (definition.isPresent()) {
      coveredTools.add(tool);
      add(new Diagnosis("", "restart-needed", shown + " is approved now, but the server did not serve it",
          tool + " is approved in cask.lock.yaml and in the toolpack; the server that denied these calls ran an older"
              + " toolpack or lockfile.", tool, bucket.count, bucket.first, bucket.last, bucket.reasons, evidence,
          List.of(Fix.manual("Restart serve with the current toolpack and lockfile.", List.of()))));
      return;
    }
    List<Fix> fixes = new ArrayList<>(acceptProposals(asked, true));
    fixes.add(Fix.manual("Nothing to grant by name: if the API has such an operation, add it to the API source"
        + " (re-capture traffic that exercises it, or add it to the spec) and recompile; its tool is then reviewed and"
        + " approved like any other. An agent can describe it with cask_propose (method, URL, reason).", List.of()));
    add(new Diagnosis("", "unknown-tool", "calls of " + shown + ", which exists nowhere", "No tool named " + shown
        + " is in the toolpack or the lockfile: the agent asked for something this toolpack never had.", shown,
        bucket.count, bucket.first, bucket.last, bucket.reasons, evidence, fixes));
  }

  private void policy(Bucket bucket) {
    String tool = bucket.tool;
    Optional<ToolDefinition> definition = gate.definition(tool);
    Optional<Policy> policy = gate.policy();
    coveredTools.add(tool);
    List<String> evidence = new ArrayList<>(List.of(auditEvidence(bucket)));
    proposalsFor(tool).forEach(p -> evidence.add(proposalEvidence(p)));
    Optional<PolicyRule> rule = policy.flatMap(p -> p.rules().stream().filter(r -> r.id().equals(bucket.rule)).findFirst());
    String by = bucket.rule == null ? "the policy's default (no rule allows these calls)" : "policy rule '" + bucket.rule + "'"
        + rule.map(r -> r.reason() == null ? "" : " (" + r.reason() + ")").orElse("");
    if (definition.isEmpty() || policy.isEmpty()) {
      add(new Diagnosis("", "policy-deny", "calls of " + shownTool(tool) + " denied by " + by, "The policy the server ran"
          + " denied these calls; the tool is not in the current toolpack any more.", shownTool(tool), bucket.count,
          bucket.first, bucket.last, bucket.reasons, evidence, List.of(Fix.manual("Nothing to change: the tool is gone."
          + " Restart serve with the current toolpack.", List.of()))));
      return;
    }
    ToolDefinition def = definition.get();
    List<Fix> fixes = new ArrayList<>();
    fixes.add(Fix.safe("Shows the tool, its risk tier and the policy's state.", commands.mvn("cask:gate-status")));
    boolean byArguments = rule.map(r -> !r.match().arguments().isEmpty()).orElse(false)
        || bucket.reasons.containsKey("policy_unevaluable");
    if (byArguments) {
      String conditions = rule.map(r -> r.match().arguments().stream().map(Diagnoser::condition)
          .reduce((a, b) -> a + ", " + b).orElse("")).orElse("");
      fixes.add(Fix.manual("Rule '" + bucket.rule + "' denies calls of " + tool + " by their argument values ("
          + conditions + "). If these calls should run, narrow that rule in " + commands.path(settings.sourcePolicy())
          + " (a person decides which values are safe), recompile, and approve the policy with mvn"
          + " cask:gate-allow -Dcask.approvePolicy=true.", List.of()));
    } else {
      boolean read = def.risk().tier() == RiskTier.READ;
      int priority = rule.map(r -> r.priority() + 1).orElse(1);
      String reason = "repair: " + bucket.count + " call(s) of " + tool + " were denied by "
          + (bucket.rule == null ? "the default" : "rule " + bucket.rule);
      PolicyPatch patch = PolicyPatch.grant(policy.get(), tool, priority, read, reason);
      prepared.put(patch.fileName(), patch.yaml());
      java.nio.file.Path file = settings.output().resolve("repair").resolve(patch.fileName());
      int allowed = read ? bucket.count : 0;
      String effect = read ? "allow" : "confirm";
      String words = "lets an agent call " + tool + " (" + operation(def) + ", " + risk(def.risk().tier()) + ")"
          + (read ? " without confirmation" : " with a person's confirmation of each call (java -jar cask-runtime.jar"
          + " confirm <id>)") + "; of the " + bucket.count + " denied call(s) between " + bucket.first + " and "
          + bucket.last + ", " + (read ? allowed + " would have been allowed (within the input schema and rate limits)"
          : "each would have waited for a person's confirmation, none would have run without one");
      fixes.add(Fix.approval("Adds the rule '" + patch.rule().id() + "' (priority " + priority + ", effect " + effect
              + ", tools [" + tool + "]) to the policy: the prepared file is the toolpack's policy as compiled plus"
              + " that rule (comments of " + commands.path(settings.sourcePolicy()) + " are not kept). Recompile, sign"
              + " the policy, then restart serve.",
          List.of(commands.copy(file, settings.sourcePolicy()), commands.mvn("generate-resources"),
              commands.mvn("cask:gate-allow", "-Dcask.approvePolicy=true", "-Dcask.reason=" + reason)),
          new Grant(tool, def.method().name(), def.host(), def.operation().pathTemplate(), def.risk().tier().wireName(),
              effect, allowed, words)));
    }
    add(new Diagnosis("", "policy-deny", "calls of " + tool + " denied by " + (bucket.rule == null ? "the default"
        : "rule " + bucket.rule), tool + " (" + operation(def) + ", " + risk(def.risk().tier()) + ") is approved, but "
        + by + " denies it.", tool, bucket.count, bucket.first, bucket.last, bucket.reasons, evidence, fixes));
  }

  private static String condition(ArgumentCondition condition) {
    return condition.pointer() + " " + condition.op() + (condition.value() == null ? "" : " " + condition.value());
  }

  private void invalidArguments(Bucket bucket) {
    String tool = bucket.tool;
    List<JsonNode> drift = driftChanges(tool).stream().filter(c -> DRIFT_INPUT.contains(c.path("rule").asText())).toList();
    List<String> evidence = new ArrayList<>(List.of(auditEvidence(bucket)));
    drift.forEach(change -> evidence.add("drift.json: " + changeLine(change)));
    coveredTools.add(tool);
    if (!drift.isEmpty()) {
      add(new Diagnosis("", "drift", "calls of " + tool + " refused by an input schema the API has outgrown",
          "The API takes input the approved schema of " + tool + " does not describe (drift.json), and the agent sent"
              + " it: closed schemas refuse undeclared arguments and body fields.", tool, bucket.count, bucket.first,
          bucket.last, bucket.reasons, evidence, driftFixes(tool)));
      return;
    }
    add(new Diagnosis("", "invalid-arguments", "calls of " + shownTool(tool) + " with arguments its schema refuses",
        "The agent sent arguments the approved input schema does not accept (a missing required one, a wrong type, an"
            + " undeclared argument or body field). Nothing in the drift report says the API changed.", shownTool(tool),
        bucket.count, bucket.first, bucket.last, bucket.reasons, evidence,
        List.of(Fix.manual("Nothing to grant: the agent should use the listed input schema. If the API really takes"
            + " more, record traffic that shows it and run mvn cask:drift with it.", List.of()))));
  }

  private void limits(Bucket bucket) {
    String tool = bucket.tool;
    coveredTools.add(tool);
    add(new Diagnosis("", "rate-limit", "calls of " + tool + " over a rate limit or budget", "The policy's rate limits or"
        + " budgets were spent: the server refused " + bucket.count + " call(s) of " + tool + " until the window moves.",
        tool, bucket.count, bucket.first, bucket.last, bucket.reasons, List.of(auditEvidence(bucket)),
        List.of(Fix.manual("If the agent's work needs more, raise the limit (rateLimits or the budget rule) in "
            + commands.path(settings.sourcePolicy()) + ", recompile and approve the policy with mvn cask:gate-allow"
            + " -Dcask.approvePolicy=true; otherwise nothing is wrong.", List.of()))));
  }

  private void confirmation(Bucket bucket) {
    coveredTools.add(bucket.tool);
    add(new Diagnosis("", "confirmation", "confirmations of " + bucket.tool + " that did not go through",
        "Calls of " + bucket.tool + " presented a confirmation that was unknown, expired, used, declined or for another"
            + " call.", bucket.tool, bucket.count, bucket.first, bucket.last, bucket.reasons, List.of(auditEvidence(bucket)),
        List.of(Fix.manual("A person approves a pending challenge with java -jar cask-runtime.jar confirm <id> before it"
            + " expires; the agent then repeats exactly the same call once.", List.of()))));
  }

  private void upstream(Bucket bucket) {
    String tool = bucket.tool;
    List<JsonNode> drift = driftChanges(tool).stream()
        .filter(c -> !c.path("rule").asText().equals("approved-not-seen")).toList();
    List<String> evidence = new ArrayList<>(List.of(auditEvidence(bucket)));
    drift.forEach(change -> evidence.add("drift.json: " + changeLine(change)));
    coveredTools.add(tool);
    if (!drift.isEmpty()) {
      add(new Diagnosis("", "drift", "calls of " + tool + " failed: the API answers differently than approved",
          "The upstream's answers to " + tool + " no longer match the approved definition (" + bucket.rule + "), and"
              + " the drift report shows how the API changed.", tool, bucket.count, bucket.first, bucket.last,
          bucket.reasons, evidence, driftFixes(tool)));
      return;
    }
    add(new Diagnosis("", "upstream", "calls of " + tool + " failed upstream (" + bucket.rule + ")",
        "The call was allowed and sent, but the upstream did not answer as the approved definition says (" + bucket.rule
            + "). No drift report explains it.", tool, bucket.count, bucket.first, bucket.last, bucket.reasons, evidence,
        List.of(Fix.manual("Check the upstream. If the API changed, record new traffic and compare it with mvn cask:drift"
            + " -Dcask.driftInputs=<the new recording>; then update the source, recompile, review and approve.",
            List.of()))));
  }

  private List<Fix> driftFixes(String tool) {
    List<Fix> fixes = new ArrayList<>();
    fixes.addAll(driftSafe());
    fixes.add(Fix.manual("Update the API source so " + tool + " describes what the API does now (a newer spec, or the new"
        + " traffic added to src/main/cask), recompile, review the change with mvn cask:diff, and approve the changed"
        + " tool with mvn cask:gate-allow -Dcask.tools=" + tool + "; or have the upstream restored.", List.of()));
    return fixes;
  }

  private void auditGaps(Bucket bucket) {
    List<String> commandList = new ArrayList<>();
    String verify = commands.runtime("audit", "verify", inputs.auditLog().toString());
    List<Fix> fixes = new ArrayList<>();
    if (verify != null) {
      fixes.add(Fix.safe("Checks the audit log's chain and signed checkpoints and lists every call without an outcome.",
          verify));
    }
    boolean restart = bucket.category.equals("restart");
    fixes.add(Fix.manual(restart ? "Find out why the server stopped without its final checkpoint (killed, crashed,"
        + " power loss)." : "Check the upstream for these calls: each request was sent and may have been served.",
        commandList));
    add(new Diagnosis("", restart ? "unclean-stop" : "outcome-unknown", restart
        ? "the server stopped " + bucket.count + " time(s) without a final checkpoint"
        : "calls of " + bucket.tool + " sent without a recorded outcome",
        restart ? "The audit log has restart records: a server started on a log whose last run did not stop cleanly."
            : "These requests were sent to the upstream and no outcome was recorded: the server stopped while they were"
                + " there (its next start records outcome_unknown for each), or, if it still runs, they are still there.",
        restart ? null : bucket.tool, bucket.count, bucket.first, bucket.last, bucket.reasons,
        List.of(auditEvidence(bucket)), fixes));
  }

  private void refused(Bucket bucket) {
    String tool = shownTool(bucket.tool);
    boolean server = bucket.reasons.keySet().stream().anyMatch(SERVER::contains);
    add(new Diagnosis("", server ? "server-error" : "request-refused", (server ? "server errors in calls of "
        : "requests refused for ") + (tool.isEmpty() ? "(no tool)" : tool), server
        ? "The server could not decide or record these calls (" + String.join(", ", bucket.reasons.keySet()) + ")."
        : "The server refused these requests before sending them (" + String.join(", ", bucket.reasons.keySet()) + ").",
        tool.isEmpty() ? null : tool, bucket.count, bucket.first, bucket.last, bucket.reasons,
        List.of(auditEvidence(bucket)), List.of(Fix.manual(server ? "Read the server's log (stderr) around these times."
            : "Nothing to grant: these requests were malformed or aimed where the network guard does not allow.",
            List.of()))));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The gate, the reports, the proposals

  private void gateProblems() {
    Map<String, List<Problem>> byTool = new LinkedHashMap<>();
    List<Problem> others = new ArrayList<>();
    for (Problem problem : gate.problems()) {
      if (!problem.isError() && problem.code() != ReasonCode.STALE) {
        continue; // a warning (a bootstrapped signers file, a missing baseline) is for the build log, not a repair
      }
      if (gate.definition(problem.subject()).isPresent() || gate.status(problem.subject()).isPresent()) {
        byTool.computeIfAbsent(problem.subject(), k -> new ArrayList<>()).add(problem);
      } else {
        others.add(problem);
      }
    }
    byTool.forEach((tool, problems) -> {
      if (coveredTools.contains(tool)) {
        return;
      }
      coveredTools.add(tool);
      toolProblems(tool, problems);
    });
    Map<ReasonCode, List<Problem>> byCode = new LinkedHashMap<>();
    others.forEach(problem -> byCode.computeIfAbsent(problem.code(), k -> new ArrayList<>()).add(problem));
    byCode.forEach(this::otherProblems);
  }

  private void toolProblems(String tool, List<Problem> problems) {
    Optional<ToolDefinition> definition = gate.definition(tool);
    List<String> evidence = problems.stream().map(p -> "gate: " + p.line()).toList();
    Set<ReasonCode> codes = new HashSet<>();
    problems.forEach(p -> codes.add(p.code()));
    List<String> changes = diffChanges(tool).stream().map(c -> "diff.json: " + changeLine(c)).toList();
    List<String> all = new ArrayList<>(evidence);
    all.addAll(changes);
    List<Proposal> asked = proposalsFor(tool);
    asked.forEach(p -> all.add(proposalEvidence(p)));
    List<Fix> fixes = new ArrayList<>();
    fixes.add(Fix.safe("Shows the tool's state in the gate's table.", commands.mvn("cask:gate-status")));
    if (codes.contains(ReasonCode.STALE)) {
      fixes.add(Fix.manual("Drops approvals of operations that are gone (a signed lockfile change; blocks are kept).",
          List.of(commands.mvn("cask:gate-allow", "-Dcask.prune=true", "-Dcask.reason=repair: pruned stale approvals"))));
      add(problemDiagnosis("stale-approval", tool + " is approved but no longer in the toolpack", problems, tool, all, fixes));
      return;
    }
    if (definition.isEmpty()) {
      fixes.add(Fix.manual(problems.get(0).fix(), List.of()));
      add(problemDiagnosis("gate", "the gate refuses " + tool, problems, tool, all, fixes));
      return;
    }
    ToolDefinition def = definition.get();
    if (codes.contains(ReasonCode.DIGEST_MISMATCH) || codes.contains(ReasonCode.TOOL_RENAMED)) {
      fixes.add(Fix.safe("Lists what changed since the approval (diff.json, diff.md).",
          commands.mvn("cask:diff", "-Dcask.failOn=none")));
    }
    if (codes.contains(ReasonCode.BLOCKED_PRESENT)) {
      fixes.add(Fix.manual("Keep the block: remove the operation " + operation(def) + " from the API source and"
          + " recompile.", List.of(commands.mvn("generate-resources"))));
    }
    fixes.addAll(acceptProposals(asked, false));
    fixes.add(Fix.approval("Approves the tool as it is now (a signed decision in cask.lock.yaml).",
        List.of(allowTool(tool, "approved after repair")), grant(def, def.risk().tier(), 0)));
    add(problemDiagnosis("gate", "the gate refuses " + tool, problems, tool, all, fixes));
  }

  private void otherProblems(ReasonCode code, List<Problem> problems) {
    List<String> evidence = problems.stream().map(p -> "gate: " + p.line()).toList();
    List<Fix> fixes = new ArrayList<>();
    if (code == ReasonCode.TOOLSETS_NOT_APPROVED || code == ReasonCode.TOOLSETS_CHANGED) {
      fixes.add(Fix.safe("Shows the toolsets and the policy's state.", commands.mvn("cask:gate-status")));
      fixes.add(Fix.safe("Lists each tool that entered or left a toolset (diff.json, diff.md).",
          commands.mvn("cask:diff", "-Dcask.failOn=none")));
      fixes.add(Fix.approval("Signs the toolsets as they are now in the toolpack, with the policy (review"
              + " toolsets.yaml and policy.yaml first).",
          List.of(commands.mvn("cask:gate-allow", "-Dcask.approvePolicy=true", "-Dcask.reason=toolsets reviewed after"
              + " repair")), new Grant("*", "*", "*", "*", "*", "as toolsets.yaml and policy.yaml say", 0, "lets an"
              + " operator serve each toolset of target/cask/toolsets.yaml as it is now (serve --toolset), and makes"
              + " the server enforce target/cask/policy.yaml as it is now")));
    } else if (code == ReasonCode.POLICY_NOT_APPROVED || code == ReasonCode.POLICY_CHANGED) {
      fixes.add(Fix.safe("Shows the policy's state.", commands.mvn("cask:gate-status")));
      fixes.add(Fix.approval("Signs the policy as it is now in the toolpack (review policy.yaml first).",
          List.of(commands.mvn("cask:gate-allow", "-Dcask.approvePolicy=true", "-Dcask.reason=policy reviewed after"
              + " repair")), new Grant("*", "*", "*", "*", "*", "as policy.yaml says", 0, "makes the server enforce"
              + " target/cask/policy.yaml as it is now: every rule in it, for every approved tool")));
    } else {
      fixes.add(Fix.manual(problems.get(0).fix(), List.of()));
    }
    add(problemDiagnosis(code.wireName().startsWith("policy") || code.wireName().startsWith("toolsets") ? "policy" : "gate", problems.get(0).subject() + ": "
        + code.meaning(), problems, null, evidence, fixes));
  }

  private Diagnosis problemDiagnosis(
      String kind, String title, List<Problem> problems, String tool, List<String> evidence, List<Fix> fixes) {
    String cause = problems.stream().map(p -> p.subject() + " " + p.reason()).distinct()
        .reduce((a, b) -> a + "; " + b).orElse("") + ".";
    SortedMap<String, Integer> codes = new TreeMap<>();
    problems.forEach(p -> codes.merge(p.code().wireName(), 1, Integer::sum));
    return new Diagnosis("", kind, title, cause, tool, 0, null, null, codes, evidence, fixes);
  }

  private void driftFindings() {
    JsonNode drift = inputs.drift();
    if (drift == null) {
      return;
    }
    for (JsonNode tool : drift.path("tools")) {
      String name = tool.path("name").asText();
      List<JsonNode> changes = new ArrayList<>();
      tool.path("changes").forEach(changes::add);
      changes.removeIf(c -> c.path("rule").asText().equals("approved-not-seen")
          || !Set.of("critical", "high", "medium").contains(c.path("severity").asText()));
      if (changes.isEmpty() || coveredTools.contains(name)) {
        continue;
      }
      boolean shadow = changes.stream().anyMatch(c -> c.path("rule").asText().equals("shadow-endpoint"));
      String operation = tool.path("operation").asText(name);
      List<String> evidence = new ArrayList<>(changes.stream().map(c -> "drift.json: " + changeLine(c)).toList());
      if (shadow) {
        List<Proposal> asked = proposalsForOperation(operation);
        asked.forEach(p -> evidence.add(proposalEvidence(p)));
        List<Fix> fixes = new ArrayList<>(driftSafe());
        fixes.addAll(acceptProposals(asked, true));
        fixes.add(Fix.manual("If agents should use it: add the operation to the API source (the new traffic into"
            + " src/main/cask, or the spec), recompile, review and approve its tool. Otherwise nothing is needed: no tool"
            + " calls it.", List.of()));
        add(new Diagnosis("", "shadow-endpoint", "the API has an operation no approved tool covers: "
            + ControlCharacters.escapeIdentifier(operation, 200), "The new capture shows " + ControlCharacters
            .escapeIdentifier(operation, 200) + ", which no approved tool calls.", null, 0, null, null, new TreeMap<>(),
            evidence, fixes));
      } else {
        coveredTools.add(name);
        List<Fix> fixes = new ArrayList<>(driftFixes(name));
        add(new Diagnosis("", "drift", name + " drifted from its approved definition", "The new capture shows "
            + name + " behaving differently than approved; no call failed because of it yet.", name, 0, null, null,
            new TreeMap<>(), evidence, fixes));
      }
    }
  }

  private List<Fix> driftSafe() {
    String inputs = this.inputs.drift() == null ? null : this.inputs.drift().path("current").asText(null);
    return inputs == null || inputs.isBlank() ? List.of() : List.of(Fix.safe("Compares the new capture with the"
        + " approved toolpack again (drift.json, drift.md).", commands.mvn("cask:drift", "-Dcask.driftInputs="
        + inputs.replace(", ", ","), "-Dcask.failOn=none")));
  }

  /** One diagnosis per tool with failed checks in verify.json, naming every contract it fails. */
  private void verifyFailures() {
    JsonNode verify = inputs.verify();
    if (verify == null) {
      return;
    }
    Map<String, List<String>> byTool = new TreeMap<>();
    Map<String, List<String>> contractsByTool = new TreeMap<>();
    for (JsonNode contract : verify.path("contracts")) {
      String name = ControlCharacters.escapeIdentifier(contract.path("contract").asText(), 40);
      for (JsonNode check : contract.path("checks")) {
        if (!check.path("status").asText().equals("failed")) {
          continue;
        }
        String tool = ControlCharacters.escapeIdentifier(check.path("tool").asText(), 100);
        byTool.computeIfAbsent(tool, k -> new ArrayList<>()).add("verify.json: " + name + " " + tool + ": "
            + ControlCharacters.escape(check.path("detail").asText(), 300));
        contractsByTool.computeIfAbsent(tool, k -> new ArrayList<>()).add(name);
      }
    }
    String upstream = ControlCharacters.escape(verify.path("upstream").asText("replay"), 200);
    byTool.forEach((tool, evidence) -> {
      String contracts = String.join(", ", contractsByTool.get(tool));
      boolean toolpack = tool.equals("(toolpack)");
      add(new Diagnosis("", "verify-failed", "the " + contracts + " contract(s) fail for " + tool, (toolpack
          ? "What belongs to no tool (the sources, recorded calls no tool covers)" : "The signed definition of " + tool)
          + " does not hold up against its evidence (upstream: " + upstream + "): cask:verify fails the build.",
          toolpack ? null : tool, 0, null, null, new TreeMap<>(), evidence,
          List.of(Fix.manual("Fix what the detail names (the API source, the recorded traffic, an approval, or the"
              + " upstream), then run mvn verify again; cask:verify writes verify.json anew.", List.of()))));
    });
  }

  private void proposals() {
    for (Proposal proposal : inputs.proposals().pending()) {
      if (coveredProposals.contains(proposal.id())) {
        continue;
      }
      coveredProposals.add(proposal.id());
      List<Fix> fixes = new ArrayList<>(acceptProposals(List.of(proposal), true));
      add(new Diagnosis("", "proposal", "an agent proposes " + ProposalText.subject(proposal), "Proposal "
          + proposal.id() + " waits for a person: an agent asked for " + ProposalText.subject(proposal)
          + ". It grants nothing until a person accepts it and signs the tool.", proposal.isTool() ? proposal.tool() : null,
          0, null, null, new TreeMap<>(), List.of(proposalEvidence(proposal)), fixes));
    }
  }

  /** The fixes of waiting proposals: accept (and what then grants), or reject. */
  private List<Fix> acceptProposals(List<Proposal> proposals, boolean withApproval) {
    List<Fix> fixes = new ArrayList<>();
    for (Proposal proposal : proposals) {
      coveredProposals.add(proposal.id());
      String store = "-Dcask.proposals=" + commands.path(inputs.proposalsDirectory());
      String accept = commands.mvn("cask:propose-accept", "-Dcask.proposal=" + proposal.id(), store);
      String reject = commands.mvn("cask:propose-reject", "-Dcask.proposal=" + proposal.id(), store,
          "-Dcask.reason=rejected after repair");
      if (proposal.isTool()) {
        Optional<ToolDefinition> def = gate.definition(proposal.tool());
        Optional<ToolStatus> status = gate.status(proposal.tool());
        if (withApproval && def.isPresent()) {
          fixes.add(Fix.approval("Accepts proposal " + proposal.id() + " and approves the tool it names.",
              List.of(accept, allowTool(proposal.tool(), "proposal " + proposal.id() + " accepted")),
              grant(def.get(), def.get().risk().tier(), 0)));
        } else {
          fixes.add(Fix.manual("Marks proposal " + proposal.id() + " accepted (it grants nothing by itself).",
              List.of(accept)));
        }
        if (status.isEmpty() && def.isEmpty()) {
          fixes.add(Fix.manual("Closes proposal " + proposal.id() + ": there is no such tool to approve.", List.of(reject)));
        }
        continue;
      }
      String name = OperationProposals.toolName(proposal);
      fixes.add(Fix.approval("Accepts proposal " + proposal.id() + ": writes the operation into "
              + OperationProposals.SOURCE_DIRECTORY + "/" + proposal.id() + ".yaml (an OpenAPI document to describe"
              + " before approving), compiles it into the tool " + name + ", and approves that tool" + TOOLSETS_SIGNED
              + ".",
          List.of(accept, commands.mvn("generate-resources"),
              allowEnteringTool(name, "proposal " + proposal.id() + " accepted")),
          new Grant(name, proposal.method(), OperationProposals.host(proposal), OperationProposals.path(proposal),
              "set by cask:compile", "as the policy decides for its tier", 0, "lets an agent call " + name + " ("
              + proposal.method() + " " + ControlCharacters.escapeIdentifier(proposal.url(), 300) + "), with the risk tier"
              + " cask:compile gives it (gate-status shows it before you sign) and what the policy does with that"
              + " tier")));
      fixes.add(Fix.manual("Or closes proposal " + proposal.id() + " without granting anything.", List.of(reject)));
    }
    return fixes;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  private String allowTool(String tool, String reason) {
    return commands.mvn("cask:gate-allow", "-Dcask.tools=" + tool, "-Dcask.reason=" + reason);
  }

  /**
   * Approves a tool that the fix brings into the toolpack: it enters the toolsets too (toolsets.yaml), which are
   * approved with the policy, so the same signed decision approves them again.
   */
  private String allowEnteringTool(String tool, String reason) {
    return commands.mvn("cask:gate-allow", "-Dcask.tools=" + tool, "-Dcask.approvePolicy=true", "-Dcask.reason=" + reason);
  }

  private Grant grant(ToolDefinition def, RiskTier tier, int denied) {
    Optional<PolicyVerdict> verdict = gate.verdict(def);
    String effect = verdict.map(v -> v.effect().wireName()).orElse("depends on the arguments");
    int allowed = verdict.map(v -> v.effect() == Effect.ALLOW ? denied : 0).orElse(0);
    String then = verdict.map(v -> switch (v.effect()) {
      case ALLOW -> "the policy then allows its calls (" + rule(v) + ")";
      case CONFIRM -> "the policy then asks a person to confirm each call (" + rule(v) + ")";
      case DENY -> "the policy still denies every call (" + rule(v) + "): approving alone lets nothing through";
      default -> "the policy decides by " + v.effect().wireName();
    }).orElse("what the policy does depends on the call's arguments");
    String words = "lets the server serve " + def.name() + " (" + operation(def) + ", " + risk(tier) + "); " + then
        + (denied == 0 ? "" : "; of the " + denied + " denied call(s), " + allowed + " would have been allowed"
        + (allowed > 0 ? " (within the input schema and rate limits)" : ""));
    return new Grant(def.name(), def.method().name(), def.host(), def.operation().pathTemplate(),
        tier == null ? "unknown" : tier.wireName(), effect, allowed, words);
  }

  private static String rule(PolicyVerdict verdict) {
    return verdict.ruleId() == null ? "the policy's default" : "rule '" + verdict.ruleId() + "'";
  }

  private static String operation(ToolDefinition def) {
    return def.method().name() + " " + def.host() + def.operation().pathTemplate();
  }

  private static String risk(RiskTier tier) {
    return (tier == null ? "unknown" : tier.wireName()) + " risk";
  }

  private static String shownTool(String tool) {
    return ControlCharacters.escapeIdentifier(tool, 100);
  }

  private String auditEvidence(Bucket bucket) {
    return "audit log: " + bucket.count + " record(s) " + bucket.reasons + (bucket.first == null ? ""
        : " from " + bucket.first + " to " + bucket.last) + ", " + bucket.sessions.size() + " session(s)";
  }

  private static String proposalEvidence(Proposal proposal) {
    return "proposal " + proposal.id() + " (" + proposal.state() + ", " + ControlCharacters.escapeIdentifier(
        proposal.createdAt(), 40) + "): " + ProposalText.subject(proposal) + "; agent's reason (untrusted): "
        + ProposalText.reason(proposal);
  }

  private List<Proposal> proposalsFor(String tool) {
    return inputs.proposals().pending().stream().filter(p -> p.isTool() && p.tool().equals(tool)).toList();
  }

  private List<Proposal> proposalsForOperation(String operationId) {
    return inputs.proposals().pending().stream().filter(p -> !p.isTool()
        && operationId.equals(OperationProposals.operationId(p))).toList();
  }

  private List<JsonNode> driftChanges(String tool) {
    return changes(inputs.drift(), tool);
  }

  private List<JsonNode> diffChanges(String tool) {
    return changes(inputs.diff(), tool).stream().filter(c -> c.path("accepted").isNull() || c.path("accepted").isMissingNode())
        .toList();
  }

  private static List<JsonNode> changes(JsonNode report, String tool) {
    List<JsonNode> changes = new ArrayList<>();
    if (report == null) {
      return changes;
    }
    for (JsonNode entry : report.path("tools")) {
      if (entry.path("name").asText().equals(tool)) {
        entry.path("changes").forEach(changes::add);
      }
    }
    return changes;
  }

  private static String changeLine(JsonNode change) {
    return change.path("severity").asText() + " " + change.path("rule").asText() + " "
        + ControlCharacters.escape(change.path("pointer").asText(), 200) + ": "
        + ControlCharacters.escape(change.path("detail").asText(), 300);
  }

  private void add(Diagnosis diagnosis) {
    found.add(diagnosis);
  }

  /** Most calls first, then by kind and title; numbered d1, d2 ... in that order. */
  private List<Diagnosis> numbered() {
    List<Diagnosis> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt((Diagnosis d) -> -d.count()).thenComparing(Diagnosis::kind)
        .thenComparing(Diagnosis::title));
    List<Diagnosis> result = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      result.add(sorted.get(i).withId("d" + (i + 1)));
    }
    return result;
  }

}
