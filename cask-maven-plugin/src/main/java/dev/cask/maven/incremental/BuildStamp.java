package dev.cask.maven.incremental;

import dev.cask.runtime.json.CaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a goal's last successful run read and wrote, each with its digest: kept under {@code target/} (never in an
 * artifact) and compared before the next run. A text file, one entry per line ({@code section TAB key TAB value}), read
 * without a JSON library: a no-op build should not pay for initialising one (about 0.4 s of CPU in a fresh JVM).
 *
 * @param inputs settings, plugin code and input files (key → value or digest)
 * @param outputs the files the run wrote (absolute path → SHA-256)
 * @param stats size, modification time and file key of every file digested (absolute path → {@link FileDigests#stat}),
 *     so that a file whose stat has not changed since before the stamp was written need not be read again
 */
record BuildStamp(SortedMap<String, String> inputs, SortedMap<String, String> outputs, SortedMap<String, String> stats) {
  /** The first line; changed whenever the meaning of the entries changes, so that an older stamp never matches. */
  static final String FORMAT = "cask-build-stamp/1";

  private static final List<String> SECTIONS = List.of("input", "output", "stat");

  BuildStamp {
    inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
  }

  /** The stamp in the file, or null when there is none or it cannot be read (then the goal runs). */
  static BuildStamp read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
    if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
      return null;
    }
    List<SortedMap<String, String>> sections = List.of(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    for (String line : lines.subList(1, lines.size())) {
      String[] parts = line.split("\t", -1);
      int section = parts.length == 3 ? SECTIONS.indexOf(parts[0]) : -1;
      if (section < 0) {
        return null;
      }
      sections.get(section).put(unescape(parts[1]), unescape(parts[2]));
    }
    return new BuildStamp(sections.get(0), sections.get(1), sections.get(2));
  }

  void write(Path file) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    List<SortedMap<String, String>> sections = List.of(inputs, outputs, stats);
    for (int i = 0; i < SECTIONS.size(); i++) {
      for (Map.Entry<String, String> entry : sections.get(i).entrySet()) {
        text.append(SECTIONS.get(i)).append('\t').append(escape(entry.getKey())).append('\t')
            .append(escape(entry.getValue())).append('\n');
      }
    }
    CaskFiles.writeAtomically(file.getParent(), Map.of(file.getFileName().toString(), text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  /** Keeps every key and value on its own line and field, whatever characters a path or setting holds. */
  private static String escape(String text) {
    return text.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
  }

  private static String unescape(String text) {
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
  }
}
