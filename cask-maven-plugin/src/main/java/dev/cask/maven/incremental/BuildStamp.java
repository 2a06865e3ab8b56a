package dev.cask.maven.incremental;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cask.runtime.json.CaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a goal's last successful run read and wrote, each with its digest: kept under {@code target/} (never in an
 * artifact) and compared before the next run.
 *
 * @param inputs settings, plugin code and input files (key → value or digest)
 * @param outputs the files the run wrote (absolute path → SHA-256)
 * @param stats size, modification time and file key of every file digested (absolute path → {@link FileStat}), so that
 *     a file whose stat has not changed since before the stamp was written need not be read again
 */
record BuildStamp(SortedMap<String, String> inputs, SortedMap<String, String> outputs, SortedMap<String, String> stats) {
  /** Bumped whenever the meaning of the entries changes: an older stamp then never matches. */
  static final String FORMAT = "cask-build-stamp/1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  BuildStamp {
    inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
  }

  /** The stamp in the file, or null when there is none or it cannot be read (then the goal runs). */
  static BuildStamp read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      Map<String, Map<String, String>> parts = JSON.readValue(file.toFile(), new TypeReference<>() {});
      Map<String, String> format = parts.get("format");
      if (format == null || !FORMAT.equals(format.get("version")) || parts.get("inputs") == null
          || parts.get("outputs") == null || parts.get("stats") == null) {
        return null;
      }
      return new BuildStamp(new TreeMap<>(parts.get("inputs")), new TreeMap<>(parts.get("outputs")), new TreeMap<>(parts.get("stats")));
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  void write(Path file) {
    Map<String, Object> parts = new TreeMap<>();
    parts.put("format", Map.of("version", FORMAT));
    parts.put("inputs", inputs);
    parts.put("outputs", outputs);
    parts.put("stats", stats);
    try {
      CaskFiles.writeAtomically(file.getParent(), Map.of(file.getFileName().toString(), JSON.writeValueAsBytes(parts)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
