package dev.cask.maven.mojo;

import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackFiles;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.drift.DriftAnalyzer;
import dev.cask.maven.log.BuildLog;
import dev.cask.maven.report.ConsoleTable;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.capture.Capture;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * {@code cask:drift}: a new capture against the approved baseline toolpack: shadow endpoints, approved operations not
 * seen, schema changes at any depth, new status codes, authentication changes and new hosts. Same rules, severities
 * and report formats as {@code cask:diff} ({@code target/cask/drift.md}, {@code drift.json}, {@code drift.sarif},
 * {@code drift-junit.xml}); the build fails above {@code cask.failOn}.
 */
@Mojo(name = "drift", threadSafe = true)
public class DriftMojo extends AbstractCaskMojo {

  /** The new capture: a {@code capture.json} written by Cask's importers. */
  @Parameter(property = "cask.capture", required = true)
  private File capture;

  /** The approved toolpack: a toolpack directory or zip (it must contain capture.json). */
  @Parameter(property = "cask.baseline", defaultValue = "${project.build.directory}/cask")
  private File baseline;

  /** The approved toolpack as a published artifact: {@code groupId:artifactId:version} (the toolpack zip). */
  @Parameter(property = "cask.baselineArtifact")
  private String baselineArtifact;

  /** The lowest severity that fails the build: critical, high, medium, low, info, or none. */
  @Parameter(property = "cask.failOn", defaultValue = "high")
  private String failOn;

  /** How many changes the console table shows. */
  @Parameter(property = "cask.consoleRows", defaultValue = "" + ConsoleTable.DEFAULT_ROWS)
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
    ToolpackSnapshot base = baselineArtifact != null && !baselineArtifact.isBlank()
        ? ToolpackInputs.baseline(basedir(), null, baselineArtifact, repositorySystem, repositorySession, remoteRepositories, log)
        : ToolpackFiles.load(baseline.toPath(), ToolpackInputs.relative(basedir(), baseline.toPath()));
    Path input = capture.toPath();
    String label = ToolpackInputs.relative(basedir(), input);
    Capture observed = readCapture(input, label);
    ToolpackDiff diff = DriftAnalyzer.analyze(base, observed, label, ToolpackInputs.threshold(failOn));
    ChangeReportWriter.publish(diff, basedir(), outputPath(), consoleRows, null, log);
  }

  /**
   * Reads the new capture. Until the importer facade is on main, drift takes Cask's own capture format (what every
   * importer writes); HAR, OTLP and OpenAPI files then go through the same importers as compile.
   */
  private static Capture readCapture(Path input, String label) {
    String name = input.getFileName().toString();
    if (!name.endsWith(".json")) {
      throw new CaskException("-Dcask.capture=" + label, null,
          "is not a Cask capture (capture.json); HAR, OTLP and OpenAPI inputs need the capture importers",
          "import the file with the compile goal and pass its target/cask/capture.json");
    }
    return CaskFiles.readJson(input, label, Capture.class, "pass a capture.json written by Cask");
  }
}
