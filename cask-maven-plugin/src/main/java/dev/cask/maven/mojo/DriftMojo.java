package dev.cask.maven.mojo;

import dev.cask.maven.diff.ApprovedState;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.drift.DriftAnalyzer;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * {@code cask:drift}: a new capture against the approved baseline toolpack: shadow endpoints, approved operations not
 * seen, schema changes at any depth, new status codes, authentication changes and new hosts. The capture comes through
 * the same importers as compile (and the same import settings: {@code cask.allowHosts}, {@code cask.baseUrl} ...), or
 * is a {@code capture.json} Cask wrote. Same rules, severities and report formats as {@code cask:diff}
 * ({@code target/cask/drift.md}, {@code drift.json}, {@code drift.sarif}, {@code drift-junit.xml}); the build fails
 * above {@code cask.failOn}.
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends AbstractImportingMojo {

  /** The new capture: HAR, OTLP or OpenAPI files or directories, or one capture.json (comma-separated). */
  @Parameter(property = "cask.driftInputs", required = true)
  private List<File> driftInputs;

  /**
   * The approved toolpack: a toolpack directory or zip (it must contain capture.json); default: the compiled toolpack
   * ({@code cask.toolpack}, else the output directory).
   */
  @Parameter(property = CaskParameters.BASELINE)
  private File baseline;

  /** The compiled toolpack, the default baseline; default: the output directory, where cask:compile writes it. */
  @Parameter(property = CaskParameters.TOOLPACK)
  private File toolpack;

  /** The approved toolpack as a published artifact: {@code groupId:artifactId:version} (the toolpack zip). */
  @Parameter(property = CaskParameters.BASELINE_ARTIFACT)
  private String baselineArtifact;

  /** The signed lockfile: when it exists, only the tools it approves (signatures verified) count as approved. */
  @Parameter(property = CaskParameters.LOCKFILE, defaultValue = CaskParameters.LOCKFILE_DEFAULT)
  private File lockfile;

  /** The signers file the lockfile's signatures are checked against. */
  @Parameter(property = CaskParameters.SIGNERS_FILE, defaultValue = CaskParameters.SIGNERS_FILE_DEFAULT)
  private File signersFile;

  /** The lowest severity that fails the build: critical, high, medium, low, info, or none. */
  @Parameter(property = CaskParameters.FAIL_ON, defaultValue = CaskParameters.FAIL_ON_DEFAULT)
  private String failOn;

  /** How many changes the console table shows. */
  @Parameter(property = CaskParameters.CONSOLE_ROWS, defaultValue = CaskParameters.CONSOLE_ROWS_DEFAULT)
  private int consoleRows;

  @Component
  private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  private List<RemoteRepository> remoteRepositories;

  @Override
  protected String goal() {
    return "drift";
  }

  @Override
  protected void run(BuildLog log) {
    boolean published = baselineArtifact != null && !baselineArtifact.isBlank();
    Path approved = published
        ? ToolpackInputs.resolve(baselineArtifact, repositorySystem, repositorySession, remoteRepositories, log)
        : baseline != null ? baseline.toPath() : CaskParameters.toolpack(toolpack, outputDirectory);
    String baseLabel = published
        ? ToolpackInputs.artifact(baselineArtifact.trim()).toString() : ToolpackInputs.relative(basedir(), approved);
    ToolpackSnapshot base = ToolpackSnapshot.load(approved, baseLabel);
    ApprovedState approvals = LockfileState.approved(basedir(), approved, lockfile, signersFile,
        "every tool of the baseline toolpack counts as approved", log);
    List<Path> inputs = driftInputs.stream().map(File::toPath).toList();
    String label = inputs.stream().map(path -> ToolpackInputs.relative(basedir(), path)).collect(Collectors.joining(", "));
    Capture observed = readCapture(inputs, label, log);
    ToolpackDiff diff = DriftAnalyzer.analyze(base, approvals, observed, label, ToolpackInputs.threshold(failOn));
    ChangeReportWriter.publish(diff, basedir(), outputPath(), lockfile.toPath(), consoleRows, null, log);
  }

  /** A single capture.json is read as is; anything else goes through the importers, exactly as compile reads it. */
  private Capture readCapture(List<Path> inputs, String label, BuildLog log) {
    boolean captures = inputs.stream().anyMatch(path -> path.getFileName().toString().equals("capture.json"));
    if (!captures) {
      return CaptureImporter.standard().importAll(basedir(), inputs, importSettings(), log);
    }
    if (inputs.size() != 1) {
      throw new CaskException("-Dcask.driftInputs=" + label, null, "mixes a capture.json with other inputs",
          "give either one capture.json or the HAR, OTLP and OpenAPI files to import");
    }
    Path file = basedir().resolve(inputs.get(0));
    return CaskFiles.readJson(file, label, Capture.class, "pass a capture.json written by Cask, or the source files themselves");
  }
}
