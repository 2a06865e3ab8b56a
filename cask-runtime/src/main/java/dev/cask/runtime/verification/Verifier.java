package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.StartupTimings;
import dev.cask.runtime.Tasks;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.toolpack.LoadedToolpack;
import dev.cask.runtime.toolpack.ToolpackLoader;
import dev.cask.runtime.verification.checks.Check;
import dev.cask.runtime.verification.checks.CheckContext;
import dev.cask.runtime.verification.checks.PolicyApprovalCheck;
import dev.cask.runtime.verification.checks.RemovedBlockCheck;
import dev.cask.runtime.verification.checks.SequenceCheck;
import dev.cask.runtime.verification.checks.SignerKeysCheck;
import dev.cask.runtime.verification.checks.SignersChainCheck;
import dev.cask.runtime.verification.checks.StaleEntryCheck;
import dev.cask.runtime.verification.checks.ToolApprovalCheck;
import dev.cask.runtime.verification.checks.ToolSignatures;
import dev.cask.runtime.verification.checks.ToolpackIdentityCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The one verification of Cask: {@code cask:gate-check} fails the build and the runtime server refuses to start on
 * exactly the same report. It loads the toolpack (integrity), reads lockfile, signers and baseline strictly, runs every
 * check and collects every problem. Only a report without errors carries a {@link VerifiedToolpack}.
 */
public final class Verifier {
  private static final List<Check> CHECKS =
      List.of(
          new SignerKeysCheck(),
          new SignersChainCheck(),
          new ToolpackIdentityCheck(),
          new SequenceCheck(),
          new RemovedBlockCheck(),
          new PolicyApprovalCheck(),
          new ToolApprovalCheck(),
          new StaleEntryCheck());

  private final Clock clock;
  private final VerificationSettings settings;

  public Verifier(Clock clock, VerificationSettings settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public VerificationReport verify(VerificationInput input) {
    // The lockfile and signers file are parsed on another core while this one loads the toolpack; problems are still
    // listed in the same order (toolpack, signers, lockfile) whatever finishes first.
    // The signatures of the lockfile's tool entries need only the lockfile, the signers file and the time: they are
    // checked there too.
    Instant now = clock.instant();
    CompletableFuture<GateInputs> gateInputs = CompletableFuture.supplyAsync(() -> readGateInputs(input, now, settings));
    List<Problem> fatal = new ArrayList<>();
    LoadedToolpack toolpack = null;
    try {
      toolpack = ToolpackLoader.load(input.toolpack());
      StartupTimings.mark("toolpack");
    } catch (CaskException e) {
      fatal.add(error(ReasonCode.TOOLPACK_INVALID, input.toolpack().toString(), e));
    }
    GateInputs gate = Tasks.join(gateInputs);
    fatal.addAll(gate.fatal());
    SignersFile signers = gate.signers();
    List<Problem> notes = gate.notes();
    Lockfile lockfile = gate.lockfile();
    String lockfileDigest = gate.lockfileDigest();
    if (!input.lockfile().exists() && toolpack != null) {
      lockfile = Lockfile.empty(toolpack.name());
    }
    CheckContext.Baselines baselines = baselines(input.baseline(), fatal);
    if (!fatal.isEmpty() || toolpack == null || lockfile == null || signers == null) {
      fatal.addAll(notes);
      return new VerificationReport(fatal, List.of(), toolpack, lockfile, signers, null, null);
    }

    CheckContext context = new CheckContext(toolpack, lockfile, input.lockfile().displayName(), signers,
        input.signers().displayName(), baselines,
        new CheckContext.Chain(gate.history(), input.signersHistory().displayName(), input.anchors()), now, settings);
    if (gate.toolSignatures() != null) {
      context.precomputed(gate.toolSignatures());
    }
    for (Check check : CHECKS) {
      if (context.stopped()) {
        break;
      }
      check.run(context);
    }
    StartupTimings.mark("checks");
    List<Problem> problems = new ArrayList<>(notes);
    problems.addAll(context.problems());
    boolean clean = problems.stream().noneMatch(Problem::isError);
    VerifiedToolpack verified = clean
        ? VerifiedToolpack.of(toolpack.manifest(), context.approvedTools(), toolpack.policy(), toolpack.policyDigest(),
            lockfileDigest, lockfile, problems, toolpack.toolsets())
        : null;
    return new VerificationReport(problems, context.statuses(), toolpack, lockfile, signers, context.trust(), verified);
  }

  /** Signers file and lockfile, parsed; what could not be read is in {@code fatal}, a missing lockfile in {@code notes}. */
  private record GateInputs(
      SignersFile signers, SignersHistory history, Lockfile lockfile, String lockfileDigest, List<Problem> fatal, List<Problem> notes,
      ToolSignatures toolSignatures) {}

  private static GateInputs readGateInputs(VerificationInput input, Instant now, VerificationSettings settings) {
    List<Problem> fatal = new ArrayList<>();
    SignersFile signers = null;
    if (!input.signers().exists()) {
      fatal.add(new Problem(Problem.Severity.ERROR, ReasonCode.SIGNERS_MISSING, input.signers().displayName(),
          "there is no signers file, so nobody can approve anything",
          "create it with your first key: mvn cask:keygen -Dcask.bootstrapSigners=true"));
    } else {
      try {
        signers = GateFiles.parseSigners(input.signers().bytes().orElseThrow(), input.signers().displayName());
      } catch (CaskException e) {
        fatal.add(error(ReasonCode.SIGNERS_INVALID, input.signers().displayName(), e));
      }
    }
    SignersHistory history = null;
    if (input.signersHistory().exists()) {
      try {
        history = GateFiles.parseSignersHistory(input.signersHistory().bytes().orElseThrow(),
            input.signersHistory().displayName());
      } catch (CaskException e) {
        fatal.add(error(ReasonCode.SIGNERS_INVALID, input.signersHistory().displayName(), e));
      }
    }
    StartupTimings.mark("signers");
    List<Problem> notes = new ArrayList<>();
    Lockfile lockfile = null;
    String lockfileDigest = null;
    if (!input.lockfile().exists()) {
      notes.add(new Problem(Problem.Severity.ERROR, ReasonCode.LOCKFILE_MISSING, input.lockfile().displayName(),
          "there is no lockfile, so no tool is approved", "review the tools, then run mvn cask:gate-allow"));
    } else {
      byte[] bytes = input.lockfile().bytes().orElseThrow();
      try {
        lockfile = GateFiles.parseLockfile(bytes, input.lockfile().displayName());
        lockfileDigest = CanonicalJson.digestBytes(bytes);
      } catch (CaskException e) {
        fatal.add(error(ReasonCode.LOCKFILE_INVALID, input.lockfile().displayName(), e));
      }
    }
    StartupTimings.mark("lockfile");
    ToolSignatures toolSignatures = null;
    if (signers != null && lockfile != null) {
      toolSignatures = ToolSignatures.check(lockfile, signers, now, settings.clockSkew());
      StartupTimings.mark("signatures");
    }
    return new GateInputs(signers, history, lockfile, lockfileDigest, fatal, notes, toolSignatures);
  }

  private static CheckContext.Baselines baselines(Baseline baseline, List<Problem> fatal) {
    SignersFile signers = null;
    if (baseline.signers() != null && baseline.signers().exists()) {
      try {
        signers = GateFiles.parseSigners(baseline.signers().bytes().orElseThrow(), baseline.signers().displayName());
      } catch (CaskException e) {
        fatal.add(error(ReasonCode.BASELINE_INVALID, baseline.signers().displayName(), e));
      }
    }
    Lockfile lockfile = null;
    String lockfileName = null;
    if (baseline.lockfile() != null && baseline.lockfile().exists()) {
      lockfileName = baseline.lockfile().displayName();
      try {
        lockfile = GateFiles.parseLockfile(baseline.lockfile().bytes().orElseThrow(), lockfileName);
      } catch (CaskException e) {
        fatal.add(error(ReasonCode.BASELINE_INVALID, lockfileName, e));
      }
    }
    return new CheckContext.Baselines(baseline.signers() != null, signers, lockfile, lockfileName,
        baseline.signers() == null ? null : baseline.signers().displayName());
  }

  private static Problem error(ReasonCode code, String subject, CaskException e) {
    String location = e.location() == null ? "" : " at " + e.location();
    String where = e.subject().equals(subject) ? location : " (" + e.subject() + location + ")";
    return new Problem(Problem.Severity.ERROR, code, subject, e.problem() + where,
        e.fix() == null ? "restore the file from version control" : e.fix());
  }
}
