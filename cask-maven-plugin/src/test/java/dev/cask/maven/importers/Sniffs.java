package dev.cask.maven.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Writes a file and sniffs it with the markers of Cask's standard importers, for the importers' recognition tests. */
public final class Sniffs {
  public static final Set<String> STANDARD_MARKERS = Set.of("openapi", "swagger", "log", "resourceSpans");

  private Sniffs() {}

  public static InputSniff of(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return InputSniff.of(file, STANDARD_MARKERS);
  }
}
