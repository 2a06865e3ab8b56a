package dev.cask.maven.verify;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.replay.CallSettings;
import dev.cask.runtime.replay.GovernedCalls;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code cask:verify}: verifies the toolpack exactly as {@code gate-check} does (only approved tools are verified),
 * runs the replay, outcome and provenance contracts, and writes {@code verify.json}, {@code verify.md} and
 * {@code verify-junit.xml}. Whether the build fails is the caller's decision ({@link VerifyReport#passed()}).
 */
public final class Verification {
  /** Where the outcome contract's audit log (and the pipeline's confirmations) go, under the reports directory. */
  public static final String WORK_DIRECTORY = "verify";

  private final Clock clock;
  private final BuildLog log;

  public Verification(Clock clock, BuildLog log) {
    this.clock = clock;
    this.log = log;
  }

  /**
   * What a run produced: the report, and the verified inputs it was about (for the evidence bundle).
   *
   * @param report the contracts' results
   * @param verified the verified toolpack
   * @param lockfile the lockfile as read
   * @param signers the signers file as read
   * @param files the report files written, name → bytes
   */
  public record Result(VerifyReport report, VerifiedToolpack verified, Lockfile lockfile, SignersFile signers,
      Map<String, byte[]> files) {}

  public Result run(VerifySettings settings) {
    VerificationReport gate = new GateCheck(clock, log).verify(settings.gate());
    if (!gate.passed()) {
      throw new CaskException("cask:verify", null, "the toolpack does not pass the gate, so no tool is approved to verify:\n"
          + gate.failureText(), "run mvn cask:gate-check and fix what it lists");
    }
    VerifiedToolpack verified = gate.requireVerified();
    Capture capture = capture(settings.gate().toolpack(), verified);
    List<ToolDefinition> approved = verified.definitions();
    RecordedCalls calls = RecordedCalls.resolve(capture, approved);
    ContractResult replay = ReplayContract.run(approved, calls);
    ContractResult outcome = outcome(settings, verified, approved, calls);
    ContractResult provenance = ProvenanceContract.run(settings.gate().project(), verified, capture,
        gate.lockfile().orElseThrow(), gate.signers().orElseThrow());
    String upstream = settings.live() ? "live " + settings.baseUrl() : "replay";
    VerifyReport report = new VerifyReport(verified.name(), verified.version(), upstream,
        List.of(replay, outcome, provenance), settings.failOnNoEvidence());
    Map<String, byte[]> files = VerifyReports.render(report);
    CaskFiles.writeAtomically(settings.reports(), files);
    return new Result(report, verified, gate.lockfile().orElseThrow(), gate.signers().orElseThrow(), files);
  }

  private ContractResult outcome(VerifySettings settings, VerifiedToolpack verified, List<ToolDefinition> approved,
      RecordedCalls calls) {
    Path work = settings.reports().resolve(WORK_DIRECTORY);
    deleteRecursively(work);
    if (settings.live()) {
      Map<String, String> routes = LiveTargets.routes(settings.baseUrl(), approved);
      CallSettings call = new CallSettings(work.resolve("audit.jsonl"), routes, settings.allowNetworks(),
          settings.upstreamConfig(), settings.environment(), true);
      log.info("Cask verify: calling " + settings.tiers().stream().map(RiskTier::wireName).sorted().toList()
          + " tools live at " + routes.values());
      try (GovernedCalls governed = GovernedCalls.open(verified, call)) {
        return OutcomeContract.run(approved, calls, governed, settings.tiers(), false);
      }
    }
    try (ReplayUpstream upstream = ReplayUpstream.start(approved, calls)) {
      // The replay upstream listens on loopback, which the guard refuses by default: allowed here, for these calls only.
      CallSettings call = new CallSettings(work.resolve("audit.jsonl"), upstream.routes(),
          List.of(ReplayUpstream.LOOPBACK_RANGE), null, Map.of(), true);
      try (GovernedCalls governed = GovernedCalls.open(verified, call)) {
        return OutcomeContract.run(approved, calls, governed, EnumSet.allOf(RiskTier.class), true);
      }
    }
  }

  /** capture.json, checked against the digest the verified manifest pins for it, then read strictly. */
  static Capture capture(Path toolpack, VerifiedToolpack verified) {
    Path file = toolpack.resolve("capture.json");
    String name = file.getFileName().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(),
          "run cask:verify on a toolpack directory written by cask:compile");
    }
    String pinned = verified.manifest().files().get(name);
    String actual = CanonicalJson.digestBytes(bytes);
    if (!actual.equals(pinned)) {
      throw new CaskException(file.toString(), null, "does not match toolpack.yaml (" + actual + ", pinned " + pinned + ")",
          "compile again");
    }
    return CaskFiles.parse(CaskMappers.json(), bytes, file.toString(), Capture.class, "compile again");
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + directory, e);
    }
  }
}
