package dev.cask.maven.verify;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The contracts' time on GitHub's real API description (1,223 tools), in a fresh JVM, phase by phase: the gate's
 * verification (which verify runs first), reading capture.json, resolving the recorded calls, replay, provenance
 * (hashes the 13 MB source and resolves every JSON pointer in it) and the whole {@link Verification} run (outcome
 * included: the pipeline starts with 1,223 request templates; GitHub's spec has no recorded responses). The project
 * is the gate benchmark's ({@code dev.cask.maven.gate.GithubGateBenchmark prepare}). Prints figures, asserts nothing.
 */
public final class GithubVerifyBenchmark {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private GithubVerifyBenchmark() {}

  public static void main(String[] args) {
    Path project = Path.of(args[0]);
    boolean whole = args.length > 1 && args[1].equals("whole");
    GateSettings gate = GateSettings.of(project);
    long t0 = System.nanoTime();
    if (whole) {
      Verification.Result result = new Verification(CLOCK, BuildLog.silent()).run(VerifySettings.of(project));
      System.out.printf(Locale.ROOT, "whole cask:verify run (gate verification, replay, outcome, provenance, reports): %.0f ms; %s%n",
          ms(t0), VerifyReports.table(result.report()).subList(1, 5));
      return;
    }
    VerificationReport report = new GateCheck(CLOCK, BuildLog.silent()).verify(gate);
    VerifiedToolpack verified = report.requireVerified();
    long t1 = System.nanoTime();
    Capture capture = Verification.capture(gate.toolpack(), verified);
    long t2 = System.nanoTime();
    List<ToolDefinition> approved = verified.definitions();
    RecordedCalls calls = RecordedCalls.resolve(capture, approved);
    ContractResult replay = ReplayContract.run(approved, calls);
    long t3 = System.nanoTime();
    ContractResult provenance = ProvenanceContract.run(project, verified, capture, report.lockfile().orElseThrow(),
        report.signers().orElseThrow());
    long t4 = System.nanoTime();
    System.out.printf(Locale.ROOT, "gate verification %.0f ms; read capture.json %.0f ms; replay %.0f ms (%d tools, %d recorded calls);"
            + " provenance %.0f ms (%d passed, %d failed); replay + provenance %.0f ms; load average %.1f%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, approved.size(), calls.all().size(), (t4 - t3) / 1e6,
        provenance.count(CheckStatus.PASSED), provenance.count(CheckStatus.FAILED), (t4 - t2) / 1e6,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (replay.failed() || provenance.failed()) {
      System.out.println("failures: " + provenance.checks().stream().filter(c -> c.status() == CheckStatus.FAILED)
          .limit(3).map(ToolCheck::detail).toList());
    }
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
