package dev.cask.maven.gate;

import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.decision.LockfileDecisions;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.Names;
import dev.cask.runtime.model.lockfile.OperationIds;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.VerificationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code cask:gate-allow} and {@code cask:gate-block}: shows each selected tool (risk, upstream call, what changed,
 * description), asks a person when one is there (typing the tool's name for sensitive tools), signs each decision with
 * the signer's key, bumps the lockfile sequence and writes it atomically. In batch mode a sensitive tool is only
 * approved when named in {@code cask.tools}. It never re-signs anything it was not asked to (there is no "reseal").
 */
public final class GateDecisions {
  private final Clock clock;
  private final BuildLog log;
  private final Prompt prompt;
  private final ToolpackSnapshot approvedToolpack;

  public GateDecisions(Clock clock, BuildLog log, Prompt prompt) {
    this(clock, log, prompt, null);
  }

  /**
   * @param approvedToolpack the toolpack of the last approvals ({@code cask.baseline}), or null: interactive mode then
   *     shows each changed tool's changes by rule instead of only "definition changed"
   */
  public GateDecisions(Clock clock, BuildLog log, Prompt prompt, ToolpackSnapshot approvedToolpack) {
    this.clock = clock;
    this.log = log;
    this.prompt = prompt;
    this.approvedToolpack = approvedToolpack;
  }

  /** What was signed. */
  public record Outcome(String signer, List<String> tools, boolean policy, boolean signers, int pruned, long sequence) {}

  public Outcome run(GateSettings settings, DecisionRequest request, Function<SignersFile, SignerIdentity> identities) {
    VerificationReport report = new GateCheck(clock, log).verify(settings);
    LoadedToolpack toolpack = report.toolpack().orElseThrow(() -> fail(report, ReasonCode.TOOLPACK_INVALID));
    SignersFile signers = report.signers().orElseThrow(() -> report.errors().stream()
        .filter(p -> p.code() == ReasonCode.SIGNERS_MISSING || p.code() == ReasonCode.SIGNERS_INVALID).findFirst()
        .map(GateDecisions::asException).orElseGet(() -> fail(report, ReasonCode.SIGNERS_INVALID)));
    Lockfile lockfile = report.lockfile().orElseThrow(() -> fail(report, ReasonCode.LOCKFILE_INVALID));
    if (!lockfile.toolpack().equals(toolpack.name())) {
      throw fail(report, ReasonCode.TOOLPACK_MISMATCH);
    }
    if (!request.approveSigners()) { // signing the signers file is how they become trusted: SignersRotation reports
      report.errors().stream().filter(p -> p.code() == ReasonCode.SIGNERS_UNSIGNED || p.code() == ReasonCode.KEY_ID_MISMATCH)
          .forEach(p -> log.warn("The signers file is not trusted yet, so gate-check will still fail: " + p.line()));
    }

    Map<String, ToolStatus> statuses = new HashMap<>();
    report.tools().forEach(status -> statuses.putIfAbsent(status.tool(), status));
    List<Tool> selected = select(toolpack, statuses, request);
    boolean signPolicy = request.decision() == LockDecision.APPROVED && (request.approvePolicy() || request.all())
        && !policyApproved(report);
    if (selected.isEmpty() && !signPolicy && !request.approveSigners() && !request.prune()) {
      log.info("Nothing to " + verb(request) + ": every selected tool is already decided"
          + (request.tools().isEmpty() && !request.all() && request.tiers().isEmpty()
              ? " (name tools with -Dcask.tools=a,b, a tier with -Dcask.risk=read, or everything with -Dcask.all)" : ""));
      return new Outcome(null, List.of(), false, false, 0, lockfile.sequence());
    }

    SignerIdentity me = identities.apply(signers);
    String reason = reason(request, me);
    Instant now = clock.instant();
    ChangeDetails details = prompt.interactive() && approvedToolpack != null
        ? ChangeDetails.between(approvedToolpack, toolpack.tools()) : ChangeDetails.none();
    Lockfile updated = lockfile;
    List<String> signed = new ArrayList<>();
    for (Tool tool : selected) {
      OperationKey operation = tool.definition().operation();
      LockEntry previous = lockfile.operations().get(operation.id());
      if (!confirm(tool, previous, request, details)) {
        log.info("Skipped " + tool.name());
        continue;
      }
      updated = LockfileDecisions.decide(updated, tool, request.decision(), me, reason, now);
      signed.add(tool.name());
    }
    boolean policySigned = false;
    if (signPolicy && confirmPolicy(toolpack)) {
      updated = LockfileDecisions.approvePolicy(updated, toolpack, me, reason, now);
      policySigned = true;
    }
    int pruned = 0;
    if (request.prune()) {
      Set<OperationKey> present = toolpack.byOperation().keySet();
      TreeMap<String, LockEntry> kept = new TreeMap<>();
      for (Map.Entry<String, LockEntry> entry : updated.operations().entrySet()) {
        boolean stale = entry.getValue().decision() == LockDecision.APPROVED && !present.contains(OperationIds.parse(entry.getKey()));
        if (stale) {
          pruned++;
          log.info("Dropped stale approval of " + entry.getValue().tool() + " (" + entry.getKey() + ")");
        } else {
          kept.put(entry.getKey(), entry.getValue());
        }
      }
      updated = new Lockfile(updated.formatVersion(), updated.toolpack(), updated.sequence(), updated.policy(), kept);
    }
    long sequence = lockfile.sequence();
    if (!updated.equals(lockfile)) {
      sequence = lockfile.sequence() + 1;
      LockfileDecisions.write(settings.lockfile(), updated.withSequence(sequence));
    }
    boolean signersSigned = false;
    if (request.approveSigners()) {
      SignersRotation.sign(settings, signers, me, reason, now, log);
      signersSigned = true;
    }
    log.info((request.decision() == LockDecision.APPROVED ? "Approved " : "Blocked ") + signed.size() + " tool(s) as "
        + me.id() + " (" + me.key().keyId() + ")" + (signed.isEmpty() ? "" : ": " + String.join(", ", signed))
        + (policySigned ? "; approved the policy" : "") + (signersSigned ? "; signed the signers file" : "")
        + (pruned > 0 ? "; dropped " + pruned + " stale approval(s)" : "") + "; lockfile sequence " + sequence);
    return new Outcome(me.id(), signed, policySigned, signersSigned, pruned, sequence);
  }

  private List<Tool> select(LoadedToolpack toolpack, Map<String, ToolStatus> statuses, DecisionRequest request) {
    List<Tool> selected = new ArrayList<>();
    Set<String> named = new TreeSet<>(request.tools());
    List<String> unknown = new ArrayList<>();
    for (String name : named) {
      try {
        Names.tool(name);
      } catch (IllegalArgumentException e) {
        throw new CaskException("-Dcask.tools", null, e.getMessage(), "name tools exactly as mvn cask:gate-status lists them");
      }
      if (toolpack.tool(name).isEmpty()) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CaskException("-Dcask.tools", null, "no such tool(s) in toolpack " + toolpack.name() + ": " + unknown,
          "name tools exactly as mvn cask:gate-status lists them");
    }
    if (request.decision() == LockDecision.BLOCKED && named.isEmpty()) {
      throw new CaskException("-Dcask.tools", null, "is empty: a block names its tools", "run mvn cask:gate-block -Dcask.tools=a,b");
    }
    for (Tool tool : toolpack.tools().tools()) {
      RiskTier tier = tool.definition().risk().tier();
      if (named.contains(tool.name())) {
        selected.add(tool);
        continue;
      }
      boolean bulk = request.all() || request.tiers().contains(tier);
      if (!bulk || request.decision() != LockDecision.APPROVED) {
        continue;
      }
      ToolState state = statuses.containsKey(tool.name()) ? statuses.get(tool.name()).state() : ToolState.NEW;
      if (state == ToolState.APPROVED || state == ToolState.BLOCKED) {
        continue;
      }
      if (tier == RiskTier.SENSITIVE && !prompt.interactive()) {
        log.warn("Not approving sensitive tool " + tool.name() + " in batch mode: name it with -Dcask.tools=" + tool.name());
        continue;
      }
      selected.add(tool);
    }
    return selected;
  }

  private boolean confirm(Tool tool, LockEntry previous, DecisionRequest request, ChangeDetails details) {
    if (!prompt.interactive()) {
      return true;
    }
    ToolDefinition d = tool.definition();
    prompt.show("");
    prompt.show(tool.name() + "  [" + d.risk().tier().wireName() + "]  " + d.method() + " " + d.host() + d.path());
    prompt.show("  risk: " + String.join("; ", d.risk().reasons()));
    prompt.show("  change: " + change(tool, previous));
    details.lines(tool, previous).forEach(line -> prompt.show("    " + line));
    prompt.show("  description: " + ChangeDetails.safe(d.description()));
    prompt.show("  digest: " + tool.digest());
    if (d.risk().tier() == RiskTier.SENSITIVE && request.decision() == LockDecision.APPROVED) {
      String typed = prompt.ask("Sensitive tool: type its name to approve it (anything else skips): ");
      return typed.equals(tool.name());
    }
    String answer = prompt.ask((request.decision() == LockDecision.APPROVED ? "Approve" : "Block") + " " + tool.name() + "? [y/N] ");
    return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
  }

  private boolean confirmPolicy(LoadedToolpack toolpack) {
    if (!prompt.interactive()) {
      return true;
    }
    prompt.show("");
    prompt.show("policy.yaml  default " + toolpack.policy().defaultEffect().wireName() + ", " + toolpack.policy().rules().size()
        + " rule(s), digest " + toolpack.policyDigest());
    toolpack.policy().rules().forEach(rule -> prompt.show("  " + rule.priority() + " " + rule.id() + ": " + rule.effect().wireName()
        + (rule.reason() == null ? "" : " (" + rule.reason() + ")")));
    if (toolpack.toolsets() != null) {
      prompt.show("toolsets.yaml  approved with the policy, digest " + toolpack.toolsetsDigest());
      toolpack.toolsets().toolsets().forEach((name, set) -> prompt.show("  " + name + ": " + set.tools().size() + " tool(s)"));
    }
    return prompt.ask("Approve this policy" + (toolpack.toolsets() == null ? "" : " and these toolsets") + "? [y/N] ")
        .equalsIgnoreCase("y");
  }

  static String change(Tool tool, LockEntry previous) {
    if (previous == null) {
      return "new tool";
    }
    List<String> changes = new ArrayList<>();
    if (!previous.tool().equals(tool.name())) {
      changes.add("renamed from " + previous.tool());
    }
    if (previous.risk() != tool.definition().risk().tier()) {
      changes.add("risk " + previous.risk().wireName() + " -> " + tool.definition().risk().tier().wireName());
    }
    if (!previous.digest().equals(tool.digest())) {
      changes.add("definition changed since it was " + previous.decision().wireName() + " (mvn cask:diff shows how)");
    }
    return changes.isEmpty() ? "unchanged (" + previous.decision().wireName() + ")" : String.join("; ", changes);
  }

  private String reason(DecisionRequest request, SignerIdentity me) {
    String fallback = request.reason() != null ? request.reason()
        : (request.decision() == LockDecision.APPROVED ? "reviewed and approved by " : "blocked by ") + me.id();
    if (prompt.interactive() && request.reason() == null) {
      String typed = prompt.ask("Reason (signed; Enter for \"" + fallback + "\"): ");
      fallback = typed.isEmpty() ? fallback : typed;
    }
    try {
      return Names.reason(fallback);
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.reason", null, e.getMessage(), "write the reason as one line of visible text");
    }
  }

  private static boolean policyApproved(VerificationReport report) {
    return report.lockfile().map(Lockfile::policy).isPresent()
        && report.toolpack().map(t -> t.policyDigest().equals(report.lockfile().get().policy().digest())
            && java.util.Objects.equals(t.toolsetsDigest(), report.lockfile().get().policy().toolsets())).orElse(false)
        && report.errors().stream().noneMatch(p -> p.subject().equals("policy"));
  }

  private static String verb(DecisionRequest request) {
    return request.decision() == LockDecision.APPROVED ? "approve" : "block";
  }

  private static void write(Path file, byte[] bytes) {
    Path dir = file.toAbsolutePath().getParent();
    CaskFiles.writeAtomically(dir, Map.of(file.getFileName().toString(), bytes));
  }

  private static CaskException fail(VerificationReport report, ReasonCode code) {
    return report.errors().stream().filter(p -> p.code() == code).findFirst().map(GateDecisions::asException)
        .orElseGet(() -> new CaskException("cask gate", null, report.failureText(), "fix the problems above"));
  }

  private static CaskException asException(Problem problem) {
    return new CaskException(problem.subject(), null, problem.reason(), problem.fix());
  }
}
