package dev.cask.maven.mojo;

import dev.cask.maven.report.ConsoleTable;
import java.io.File;
import java.nio.file.Path;

/**
 * The user properties that more than one goal reads, with their defaults, in one place: every {@code @Parameter} of
 * such a property names it through these constants, so a property has one name and one default in every goal
 * ({@code CaskParametersTest} checks the built plugin descriptor). Where a default depends on another parameter (the
 * toolpack is wherever the output directory is), it is derived here, in code, once.
 */
final class CaskParameters {
  static final String SKIP = "cask.skip";

  static final String OUTPUT_DIRECTORY = "cask.outputDirectory";
  static final String OUTPUT_DIRECTORY_DEFAULT = "${project.build.directory}/cask";

  /** No default of its own: {@link #toolpack}. */
  static final String TOOLPACK = "cask.toolpack";

  static final String LOCKFILE = "cask.lockfile";
  static final String LOCKFILE_DEFAULT = "${project.basedir}/cask.lock.yaml";

  static final String SIGNERS_FILE = "cask.signersFile";
  static final String SIGNERS_FILE_DEFAULT = "${project.basedir}/cask.signers.yaml";

  /** diff and gate-allow: the toolpack of the last approvals; drift: the approved toolpack (default {@link #toolpack}). */
  static final String BASELINE = "cask.baseline";
  static final String BASELINE_ARTIFACT = "cask.baselineArtifact";

  static final String FAIL_ON = "cask.failOn";
  static final String FAIL_ON_DEFAULT = "high";

  static final String CONSOLE_ROWS = "cask.consoleRows";
  static final String CONSOLE_ROWS_DEFAULT = "" + ConsoleTable.DEFAULT_ROWS;

  private CaskParameters() {}

  /**
   * The compiled toolpack the goals read: {@code cask.toolpack} when set, else the output directory cask:compile wrote
   * it to ({@code cask.outputDirectory}), so moving the output directory moves what every goal reads.
   */
  static Path toolpack(File toolpack, File outputDirectory) {
    return (toolpack != null ? toolpack : outputDirectory).toPath();
  }
}
