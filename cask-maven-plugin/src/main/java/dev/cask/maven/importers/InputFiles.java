package dev.cask.maven.importers;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Expands the configured inputs into files with their display paths: files as listed, directories walked recursively
 * in sorted relative-path order. Display paths are relative to the project with forward slashes; a file outside the
 * project is shown by its file name, so artifacts never hold an absolute path.
 */
final class InputFiles {
  /**
   * One file to offer to the importers.
   *
   * @param file the absolute, normalized path
   * @param displayPath the path as artifacts and messages show it
   * @param explicit whether the user listed the file itself (not found by walking a directory)
   */
  record InputFile(Path file, String displayPath, boolean explicit) {}

  private InputFiles() {}

  static List<InputFile> expand(Path projectDir, List<Path> inputs, BuildLog log) {
    Path project = projectDir.toAbsolutePath().normalize();
    Map<Path, InputFile> files = new LinkedHashMap<>();
    for (Path input : inputs) {
      Path absolute = project.resolve(input).normalize();
      String display = displayPath(project, absolute, log);
      if (Files.isDirectory(absolute)) {
        for (Path file : walk(absolute)) {
          files.putIfAbsent(file, new InputFile(file, displayPath(project, file, log), false));
        }
      } else if (Files.isRegularFile(absolute)) {
        files.putIfAbsent(absolute, new InputFile(absolute, display, true));
      } else {
        throw new CaskException(display, null, "does not exist", "check the input paths of the import");
      }
    }
    return new ArrayList<>(files.values());
  }

  private static List<Path> walk(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .sorted(Comparator.comparing(file -> directory.relativize(file).toString().replace('\\', '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static String displayPath(Path project, Path file, BuildLog log) {
    if (file.startsWith(project) && !file.equals(project)) {
      return project.relativize(file).toString().replace('\\', '/');
    }
    Path name = file.getFileName();
    String display = name == null ? "input" : name.toString();
    log.debug(file + " is outside the project directory; it is recorded as " + display);
    return display;
  }
}
