package dev.cask.maven.mojo;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.maven.log.BuildLog;
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
public class DiffMojo extends AbstractToolpackMojo {
  /** The approved toolpack to compare with: a toolpack directory, a tools.json, or a toolpack zip. */
  @Parameter(property = CaskParameters.BASELINE)
  private File baseline;

  /** The approved toolpack as a published artifact: {@code groupId:artifactId:version} (the toolpack zip). */
  @Parameter(property = CaskParameters.BASELINE_ARTIFACT)
  private String baselineArtifact;

  /** The lowest severity that fails the build when unapproved: critical, high, medium, low, info, or none. */
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
    return "diff";
  }

  @Override
  protected void run(BuildLog log) {
    ToolpackSnapshot base = ToolpackInputs.baseline(
        basedir(), baseline, baselineArtifact, repositorySystem, repositorySession, remoteRepositories, log);
    ToolpackDiff diff = LockfileState.diff(basedir(), toolpackPath(), base, lockfile, signersFile, failOn, log);
    ChangeReportWriter.publish(diff, basedir(), outputPath(), lockfile.toPath(), consoleRows, pluginVersion(), log);
  }

  private String pluginVersion() {
    return getClass().getPackage().getImplementationVersion();
  }
}
