package dev.cask.maven.compile;

import dev.cask.runtime.json.CaskFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a compiled toolpack: its files into the output directory (each atomically, the manifest last) and the same
 * files into a reproducible zip (sorted entries, fixed local timestamps, no extra fields), which the Mojo attaches as
 * the {@code toolpack} artifact.
 */
public final class ToolpackWriter {
  /** A fixed, time-zone-independent entry time: zip entries carry local DOS times. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

  private ToolpackWriter() {}

  public static void writeDirectory(Path directory, CompiledToolpack toolpack) {
    CaskFiles.writeAtomically(directory, toolpack.files());
  }

  public static void writeZip(Path zip, CompiledToolpack toolpack) {
    try {
      Files.createDirectories(zip.toAbsolutePath().getParent());
      Path temp = zip.toAbsolutePath().getParent().resolve("." + zip.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      try {
        try (OutputStream out = Files.newOutputStream(temp);
            ZipOutputStream zipOut = new ZipOutputStream(out)) {
          for (Map.Entry<String, byte[]> file : new TreeMap<>(toolpack.files()).entrySet()) {
            ZipEntry entry = new ZipEntry(file.getKey());
            entry.setTimeLocal(ENTRY_TIME);
            zipOut.putNextEntry(entry);
            zipOut.write(file.getValue());
            zipOut.closeEntry();
          }
        }
        Files.move(temp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + zip, e);
    }
  }
}
