package dev.cask.maven.mojo;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read the compiled toolpack and the files that approve it (diff and the gate goals): where the
 * toolpack, the lockfile and the signers file are.
 */
abstract class AbstractToolpackMojo extends AbstractCaskMojo {
  /** The compiled toolpack (directory or zip); default: the output directory, where cask:compile writes it. */
  @Parameter(property = CaskParameters.TOOLPACK)
  protected File toolpack;

  /** The signed lockfile, committed next to the pom. */
  @Parameter(property = CaskParameters.LOCKFILE, defaultValue = CaskParameters.LOCKFILE_DEFAULT)
  protected File lockfile;

  /** The signers file the lockfile's signatures are checked against, committed next to the pom. */
  @Parameter(property = CaskParameters.SIGNERS_FILE, defaultValue = CaskParameters.SIGNERS_FILE_DEFAULT)
  protected File signersFile;

  /** {@code cask.toolpack}, else the output directory. */
  protected Path toolpackPath() {
    return CaskParameters.toolpack(toolpack, outputDirectory);
  }
}
