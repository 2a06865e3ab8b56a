package dev.cask.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The project's gate files ({@code --project}, {@code --toolpack}, {@code --lockfile}, {@code --signers}) of the
 * commands that work on a project as the Maven goals do; relative paths are resolved against the project.
 */
final class ProjectFilesOptions {
  @Option(names = "--project", paramLabel = "DIR", description = "The project directory (default: the current directory).")
  Path project;

  @Option(names = "--toolpack", paramLabel = "DIR|ZIP", description = "The toolpack (default: PROJECT/target/cask).")
  Path toolpack;

  @Option(names = "--lockfile", paramLabel = "FILE", description = "The lockfile (default: PROJECT/cask.lock.yaml).")
  Path lockfile;

  @Option(names = "--signers", paramLabel = "FILE", description = "The signers file (default: PROJECT/cask.signers.yaml).")
  Path signers;

  /** The project directory, absolute. */
  Path projectDirectory() {
    return (project == null ? Path.of("") : project).toAbsolutePath().normalize();
  }

  Path toolpack() {
    return projectDirectory().resolve(toolpack == null ? Path.of("target", "cask") : toolpack);
  }

  Path lockfile() {
    return projectDirectory().resolve(lockfile == null ? Path.of("cask.lock.yaml") : lockfile);
  }

  Path signers() {
    return projectDirectory().resolve(signers == null ? Path.of("cask.signers.yaml") : signers);
  }
}
