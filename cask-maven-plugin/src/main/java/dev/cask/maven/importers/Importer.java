package dev.cask.maven.importers;

import dev.cask.runtime.model.capture.Capture;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns one source document into a capture. Implementations are stateless and fail with a {@link
 * dev.cask.runtime.CaskException} that names the file, the place in it and the fix; they never return a partial capture.
 */
public interface Importer {
  /** The format name, e.g. {@code openapi}, {@code har}, {@code otel}. */
  String format();

  /**
   * Top-level fields that mark this format in a JSON or YAML file ({@code openapi}, {@code log} ...), wherever they
   * stand among the other fields: the first marker of any importer found in a file is {@link InputSniff#marker()}.
   */
  Set<String> markerKeys();

  /**
   * Whether this importer reads the file, decided from its name, its first bytes and its first marker field.
   *
   * @param file the file
   * @param sniff the file's first 64 KiB and its first marker field
   */
  boolean recognizes(Path file, InputSniff sniff);

  /** Reads the file into a capture with a single source. */
  Capture read(ImportRequest request);
}
