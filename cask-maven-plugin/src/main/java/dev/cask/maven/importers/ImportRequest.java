package dev.cask.maven.importers;

import dev.cask.maven.log.BuildLog;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to import.
 *
 * @param file the file to read
 * @param displayPath the file's path relative to the project, with forward slashes: used in the capture and in every
 *     message, so that artifacts and logs never depend on where the project is checked out
 * @param settings import settings
 * @param log where to report progress and warnings
 */
public record ImportRequest(Path file, String displayPath, ImportSettings settings, BuildLog log) {
  public ImportRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(displayPath, "displayPath");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(log, "log");
  }
}
