package dev.cask.maven.mojo;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
import dev.cask.maven.report.ConsoleTable;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * {@code cask:diff}: the current toolpack against the previously approved one, every change classified by rule and
 * severity, reports under {@code target/cask/} ({@code diff.md}, {@code diff.json}, {@code diff.sarif},
 * {@code diff-junit.xml}) and a console table; the build fails when an unapproved change reaches {@code cask.failOn}.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class DiffMojo extends AbstractCaskMojo {

  /** The toolpack to check: a directory with tools.json (and policy.yaml, capture.json), as cask:compile writes it. */
  @Parameter(property = "cask.toolpack", defaultValue = "${project.build.directory}/cask")
  private File toolpackDirectory;

  /** The approved toolpack to compare with: a toolpack directory, a tools.json, or a toolpack zip. */
  @Parameter(property = "cask.baseline")
  private File baseline;

  /** The approved toolpack as a published artifact: {@code groupId:artifactId:version} (the toolpack zip). */
  @Parameter(property = "cask.baselineArtifact")
  private String baselineArtifact;

  /** The signed lockfile whose approvals count as accepted changes. */
  @Parameter(property = "cask.lockfile", defaultValue = "${project.basedir}/cask.lock.yaml")
  private File lockfile;

  /** The signers file the lockfile's signatures are checked against. */
  @Parameter(property = "cask.signersFile", defaultValue = "${project.basedir}/cask.signers.yaml")
  private File signersFile;

  /** The lowest severity that fails the build when unapproved: critical, high, medium, low, info, or none. */
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
    return "diff";
  }

  @Override
  protected void run(BuildLog log) {
    ToolpackSnapshot base = ToolpackInputs.baseline(
        basedir(), baseline, baselineArtifact, repositorySystem, repositorySession, remoteRepositories, log);
    ToolpackDiff diff = LockfileState.diff(basedir(), toolpackDirectory, base, lockfile, signersFile, failOn, log);
    ChangeReportWriter.publish(diff, basedir(), outputPath(), consoleRows, pluginVersion(), log);
  }

  private String pluginVersion() {
    return getClass().getPackage().getImplementationVersion();
  }
}
