package dev.cask.maven.importers;

import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Path;

/**
 * Turns one source document into a capture. Implementations are stateless and fail with a {@link
 * dev.cask.runtime.CaskException} that names the file, the place in it and the fix; they never return a partial capture.
 */
public interface Importer {
  /** The format name, e.g. {@code openapi}, {@code har}, {@code otel}. */
  String format();

  /**
   * Whether this importer reads the file. Decided from the name and the first bytes only, cheaply.
   *
   * @param file the file
   * @param head up to the first 64 KiB of the file, decoded as UTF-8
   */
  boolean recognizes(Path file, String head);

  /** Reads the file into a capture with a single source. */
  Capture read(ImportRequest request);
}
