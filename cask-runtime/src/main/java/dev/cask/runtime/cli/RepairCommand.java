package dev.cask.runtime.cli;

import dev.cask.runtime.repair.Diagnosis;
import dev.cask.runtime.repair.Repair;
import dev.cask.runtime.repair.RepairReport;
import dev.cask.runtime.repair.RepairSettings;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code repair}: the same diagnosis as {@code mvn cask:repair} ({@link Repair}), from the runtime jar alone: reads the
 * server's audit log, the gate's verification of the toolpack, drift.json, diff.json, verify.json and the pending
 * proposals; writes repair.md, repair.json and repair.sh; exits {@value ExitCodes#REPAIR_NEEDED} when there is
 * something to repair.
 */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnose why agents were denied or calls failed, and what fixes it: reads the server's audit log, the gate's",
      "verification of the toolpack, drift.json, diff.json, verify.json and the pending proposals; writes repair.md,",
      "repair.json and repair.sh (the read-only commands only). Exit 0: nothing to repair; "
          + ExitCodes.REPAIR_NEEDED + ": something to repair."
    })
final class RepairCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Mixin ProjectFilesOptions files;

  @Option(names = "--trust-anchor", paramLabel = "ANCHOR|FILE",
      description = "The operator's trust anchor, as for serve (optional: repair serves nothing).")
  String trustAnchor;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "The server's audit log (default: serve's default for the toolpack, ~/.cask/<toolpack>/audit.jsonl).")
  Path auditLog;

  @Option(names = "--drift", paramLabel = "FILE", description = "drift.json (default: in the toolpack directory).")
  Path drift;

  @Option(names = "--diff", paramLabel = "FILE", description = "diff.json (default: in the toolpack directory).")
  Path diff;

  @Option(names = "--verify", paramLabel = "FILE", description = "verify.json (default: in the toolpack directory).")
  Path verify;

  @Option(names = "--proposals", paramLabel = "DIR", description = "The proposal store (default: beside the audit log).")
  Path proposals;

  @Option(names = "--output", paramLabel = "DIR", description = "Where the reports go (default: the toolpack directory).")
  Path output;

  RepairCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RepairSettings settings = RepairSettings.defaults(files.projectDirectory());
    if (files.toolpack != null) {
      Path tp = files.toolpack();
      settings = settings.withToolpack(tp).withReports(tp.resolve("drift.json"), tp.resolve("diff.json"),
          tp.resolve("verify.json"));
      if (java.nio.file.Files.isDirectory(tp)) {
        settings = settings.withOutput(tp);
      }
    }
    TrustAnchors anchors = TrustAnchors.of("--trust-anchor", trustAnchor, context.env(),
        TrustAnchors.defaultOperatorDirectory(), false);
    settings = settings.withGateFiles(files.lockfile(), files.signers(), anchors);
    settings = settings.withReports(drift == null ? settings.driftReport() : drift.toAbsolutePath(),
        diff == null ? settings.diffReport() : diff.toAbsolutePath(),
        verify == null ? settings.verifyReport() : verify.toAbsolutePath());
    if (auditLog != null) {
      settings = settings.withAuditLog(auditLog.toAbsolutePath());
    }
    if (proposals != null) {
      settings = settings.withProposals(proposals.toAbsolutePath());
    }
    if (output != null) {
      settings = settings.withOutput(output.toAbsolutePath());
    }
    settings = settings.withRuntimeJar(runningJar());
    RepairReport report = Repair.diagnose(settings, Clock.systemUTC());
    var written = Repair.write(report, settings);
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(context.stdout(), StandardCharsets.UTF_8), true);
    if (report.healthy()) {
      out.println("cask repair: nothing to repair");
    } else {
      out.println("cask repair: " + report.diagnoses().size() + " diagnosis(es):");
      for (Diagnosis diagnosis : report.diagnoses()) {
        out.println("  " + diagnosis.id() + " " + diagnosis.kind() + ": " + dev.cask.runtime.text.ControlCharacters
            .escape(diagnosis.title(), 200) + (diagnosis.count() > 0 ? " (" + diagnosis.count() + " call(s))" : ""));
      }
    }
    written.forEach(file -> out.println("wrote " + file));
    out.flush();
    return report.healthy() ? ExitCodes.OK : ExitCodes.REPAIR_NEEDED;
  }

  /** The jar this command runs from, for the commands only the runtime runs (audit verify); null outside a jar. */
  private static Path runningJar() {
    try {
      Path location = Path.of(RepairCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? location : null;
    } catch (Exception e) {
      return null;
    }
  }
}
