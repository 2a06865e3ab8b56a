package dev.cask.maven.importers;

import dev.cask.maven.importers.openapi.OpenApiImporter;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the Mojos and the compiler call to import sources: inputs (files and directories) become one capture.
 *
 * <p>Each file goes to the first importer that {@linkplain Importer#recognizes recognizes} it. A file the user listed
 * that no importer reads is an error; an unreadable file found by walking a directory is skipped (logged at debug).
 * The per-file captures are merged by {@link CaptureMerger}.
 */
public final class CaptureImporter {
  private static final int HEAD_BYTES = 64 * 1024;

  private final List<Importer> importers;

  public CaptureImporter(List<Importer> importers) {
    if (importers.isEmpty()) {
      throw new IllegalArgumentException("at least one importer is needed");
    }
    this.importers = List.copyOf(importers);
  }

  /** The importers Cask ships: OpenAPI/Swagger. */
  public static CaptureImporter standard() {
    return new CaptureImporter(List.of(new OpenApiImporter()));
  }

  /**
   * Imports every input into one capture.
   *
   * @param projectDir the project directory; display paths are relative to it
   * @param inputs files or directories, absolute or relative to {@code projectDir}
   * @param settings import settings
   * @param log where progress and warnings go
   * @throws CaskException when an input is missing, unreadable or invalid, or when no input holds a source
   */
  public Capture importAll(Path projectDir, List<Path> inputs, ImportSettings settings, BuildLog log) {
    List<InputFiles.InputFile> files = InputFiles.expand(projectDir, inputs, log);
    CaptureMerger merger = new CaptureMerger();
    int imported = 0;
    for (InputFiles.InputFile input : files) {
      Importer importer = importerFor(input);
      if (importer == null) {
        if (input.explicit()) {
          throw new CaskException(input.displayPath(), null, "is not a format Cask reads (" + formats() + ")",
              "remove it from the inputs, or check that it is a complete " + formats() + " document");
        }
        log.debug("skipping " + input.displayPath() + ": not a format Cask reads (" + formats() + ")");
        continue;
      }
      log.debug("importing " + input.displayPath() + " as " + importer.format());
      merger.add(importer.read(new ImportRequest(input.file(), input.displayPath(), settings, log)));
      imported++;
    }
    if (imported == 0) {
      String listed = inputs.stream().map(path -> path.toString().replace('\\', '/')).collect(Collectors.joining(", "));
      throw new CaskException(listed.isEmpty() ? "the inputs" : listed, null,
          "hold no API source Cask can read (it reads " + formats() + ")",
          "point the inputs at OpenAPI 3.x or Swagger 2.0 documents (.json, .yaml, .yml) or directories holding them");
    }
    return merger.result();
  }

  private Importer importerFor(InputFiles.InputFile input) {
    String head = head(input.file());
    return importers.stream().filter(importer -> importer.recognizes(input.file(), head)).findFirst().orElse(null);
  }

  private String formats() {
    return importers.stream().map(Importer::format).collect(Collectors.joining(", "));
  }

  private static String head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
