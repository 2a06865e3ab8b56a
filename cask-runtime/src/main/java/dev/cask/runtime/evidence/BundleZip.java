package dev.cask.runtime.evidence;

import dev.cask.runtime.CaskException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The bundle's zip: written with entries in name order, one fixed entry time and no extra fields, so the same
 * entries give the same bytes; read strictly (known names only, no directory entries, no name twice, bounded
 * sizes), so that two readers of one bundle cannot see two different bundles.
 */
final class BundleZip {
  /** A fixed, time-zone-independent entry time (zip entries carry local DOS times), as the toolpack zip uses. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

  private BundleZip() {}

  static byte[] write(SortedMap<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evidence zip", e);
    }
    return bytes.toByteArray();
  }

  /** Name → bytes, in zip order. */
  static Map<String, byte[]> read(Path zip) {
    String display = zip.toString();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> all = file.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        String name = entry.getName();
        if (entry.isDirectory() || !EvidenceFormat.allowed(name)) {
          throw new CaskException(display, "entry '" + name + "'", "is not part of an evidence bundle", null);
        }
        if (entries.containsKey(name)) {
          throw new CaskException(display, "entry '" + name + "'", "appears twice", null);
        }
        if (entries.size() == EvidenceFormat.MAX_ENTRIES) {
          throw new CaskException(display, null, "has more than " + EvidenceFormat.MAX_ENTRIES + " entries", null);
        }
        try (InputStream in = file.getInputStream(entry)) {
          entries.put(name, readLimited(in, display + "!" + name));
        }
      }
    } catch (ZipException e) {
      throw new CaskException(display, null, "is not a readable zip: " + e.getMessage(), null);
    } catch (IOException e) {
      throw new CaskException(display, null, "cannot be read: " + e.getMessage(), null);
    }
    return entries;
  }

  private static byte[] readLimited(InputStream in, String display) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > EvidenceFormat.MAX_ENTRY_BYTES) {
        throw new CaskException(display, null, "is larger than " + EvidenceFormat.MAX_ENTRY_BYTES + " bytes uncompressed", null);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
