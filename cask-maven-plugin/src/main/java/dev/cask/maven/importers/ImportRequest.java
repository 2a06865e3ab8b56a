package dev.cask.maven.importers;

import dev.cask.maven.log.BuildLog;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One file to import.
 *
 * @param file the file to read
 * @param displayPath the file's path relative to the project, with forward slashes: used in the capture and in every
 *     message, so that artifacts and logs never depend on where the project is checked out
 * @param settings import settings
 * @param log where to report progress and warnings
 * @param reads told every other local file the import reads (documents reached through {@code $ref}), so that the
 *     build's up-to-date check covers them
 */
public record ImportRequest(Path file, String displayPath, ImportSettings settings, BuildLog log, Consumer<Path> reads) {
  public ImportRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(displayPath, "displayPath");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(reads, "reads");
  }

  /** A request whose other reads nobody needs to know. */
  public ImportRequest(Path file, String displayPath, ImportSettings settings, BuildLog log) {
    this(file, displayPath, settings, log, read -> {});
  }
}
