package dev.cask.maven.mojo;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every Cask goal shares: {@code cask.skip}, the output directory, and the one place where engine exceptions
 * become Maven's. A {@link CaskException} (bad input, failed check: the project is at fault) fails the build with its
 * message and no stack trace; anything else is a failure of Cask itself.
 */
public abstract class AbstractCaskMojo extends AbstractMojo {

  /** Skips every Cask goal. */
  @Parameter(property = CaskParameters.SKIP, defaultValue = "false")
  protected boolean skip;

  /** Where Cask writes the toolpack and its reports. */
  @Parameter(property = CaskParameters.OUTPUT_DIRECTORY, defaultValue = CaskParameters.OUTPUT_DIRECTORY_DEFAULT)
  protected File outputDirectory;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Cask " + goal() + " skipped (cask.skip=true)");
      return;
    }
    try {
      run(new MavenBuildLog(getLog()));
    } catch (CaskException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException("Cask " + goal() + " could not read or write a file: " + e.getCause().getMessage(), e);
    } catch (OutOfMemoryError e) {
      // What filled the heap is unreachable once the goal's frames are gone: there is room again for the message.
      throw new MojoExecutionException(OutOfMemoryMessage.of(goal(), e, Runtime.getRuntime().maxMemory()));
    }
  }

  /** The goal name, e.g. {@code compile}. */
  protected abstract String goal();

  /** Does the goal's work through plain engine classes; throws {@link CaskException} for problems the user can fix. */
  protected abstract void run(BuildLog log) throws MojoExecutionException, MojoFailureException;

  protected Path basedir() {
    return project.getBasedir().toPath();
  }

  protected Path outputPath() {
    return outputDirectory.toPath();
  }
}
