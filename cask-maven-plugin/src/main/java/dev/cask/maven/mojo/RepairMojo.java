package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.repair.Diagnosis;
import dev.cask.runtime.repair.Repair;
import dev.cask.runtime.repair.RepairReport;
import dev.cask.runtime.repair.RepairSettings;
import dev.cask.runtime.text.ControlCharacters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Diagnoses why agents were denied or calls failed and what fixes it (the runtime's one diagnosis, {@link Repair}):
 * reads the server's audit log, the gate's verification, drift.json, diff.json, verify.json and the pending proposals;
 * writes repair.md, repair.json and repair.sh. Fails the build when there is something to repair, unless
 * {@code cask.repair.failOnFindings=false}.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractGateMojo {
  /** The server's audit log; default: serve's default for the toolpack, ~/.cask/&lt;toolpack&gt;/audit.jsonl. */
  @Parameter(property = CaskParameters.AUDIT_LOG)
  protected File auditLog;

  /** The proposal store; default: proposals/ beside the audit log. */
  @Parameter(property = CaskParameters.PROPOSALS)
  protected File proposals;

  /** drift.json; default: in the toolpack directory. */
  @Parameter(property = "cask.driftReport")
  protected File driftReport;

  /** diff.json; default: in the toolpack directory. */
  @Parameter(property = "cask.diffReport")
  protected File diffReport;

  /** verify.json; default: in the toolpack directory. */
  @Parameter(property = "cask.verifyReport")
  protected File verifyReport;

  /** The project's own policy, which a policy fix replaces (the same property as cask:compile's). */
  @Parameter(property = "cask.policy", defaultValue = "${project.basedir}/src/main/cask/policy.yaml")
  protected File policy;

  /** The runtime jar, to print the commands only it runs (audit verify); without it they are left out. */
  @Parameter(property = "cask.runtimeJar")
  protected File runtimeJar;

  /** Whether the build fails when there is something to repair (the reports are written either way). */
  @Parameter(property = "cask.repair.failOnFindings", defaultValue = "true")
  protected boolean failOnFindings;

  @Override
  protected String goal() {
    return "repair";
  }

  @Override
  protected void run(BuildLog log) throws MojoFailureException {
    Path toolpack = toolpackPath();
    Path reports = Files.isDirectory(toolpack) ? toolpack : outputPath();
    RepairSettings settings = RepairSettings.defaults(basedir())
        .withToolpack(toolpack)
        .withGateFiles(lockfile.toPath(), signersFile.toPath(), trustAnchors())
        .withReports(path(driftReport, reports.resolve("drift.json")), path(diffReport, reports.resolve("diff.json")),
            path(verifyReport, reports.resolve("verify.json")))
        .withOutput(outputPath())
        .withSourcePolicy(policy.toPath())
        .withRuntimeJar(runtimeJar == null ? null : runtimeJar.toPath());
    if (auditLog != null) {
      settings = settings.withAuditLog(auditLog.toPath());
    }
    if (proposals != null) {
      settings = settings.withProposals(proposals.toPath());
    }
    RepairReport report = Repair.diagnose(settings, clock());
    List<Path> written = Repair.write(report, settings);
    report.inputs().forEach(line -> log.info(ControlCharacters.escape(line)));
    for (Diagnosis diagnosis : report.diagnoses()) {
      log.warn(diagnosis.id() + " " + diagnosis.kind() + ": " + ControlCharacters.escape(diagnosis.title(), 200)
          + (diagnosis.count() > 0 ? " (" + diagnosis.count() + " call(s))" : ""));
    }
    written.forEach(file -> log.info("Wrote " + basedir().relativize(file.toAbsolutePath())));
    if (report.healthy()) {
      log.info("cask:repair: nothing to repair");
    } else if (failOnFindings) {
      throw new MojoFailureException("cask:repair: " + report.diagnoses().size() + " diagnosis(es) to repair: see "
          + basedir().relativize(settings.output().resolve("repair.md").toAbsolutePath()));
    }
  }

  private static Path path(File file, Path fallback) {
    return file == null ? fallback : file.toPath();
  }
}
