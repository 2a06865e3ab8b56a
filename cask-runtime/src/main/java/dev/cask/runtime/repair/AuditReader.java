package dev.cask.runtime.repair;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a server's audit log as it is, while the server may still be writing it: whole lines only (a line still being
 * written is left for the next read), from a byte offset on, so a reader can follow the log. It reads; it proves
 * nothing: {@code java -jar cask-runtime.jar audit verify} checks the hash chain and the signed checkpoints.
 */
public final class AuditReader {
  /** The longest line read; a longer one is skipped (the server never writes one). */
  static final int MAX_LINE = 1 << 20;

  private AuditReader() {}

  /**
   * What a read found.
   *
   * @param records the records, in file order
   * @param next the offset after the last whole line read
   * @param unreadable lines that are not records (damaged), counted
   */
  public record Chunk(List<AuditRecord> records, long next, int unreadable) {
    public Chunk {
      records = List.copyOf(records);
    }
  }

  /** Every whole line from {@code offset} on; an absent file reads as empty. */
  public static Chunk read(Path file, long offset) {
    List<AuditRecord> records = new ArrayList<>();
    int unreadable = 0;
    long position = offset;
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(offset);
      byte[] buffer = new byte[1 << 16];
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      boolean tooLong = false;
      long length = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          byte b = buffer[i];
          if (b != '\n') {
            length++;
            if (line.size() < MAX_LINE) {
              line.write(b);
            } else {
              tooLong = true;
            }
            continue;
          }
          position += length + 1;
          if (tooLong) {
            unreadable++;
          } else {
            AuditRecord record = parse(line.toByteArray());
            if (record == null) {
              unreadable++;
            } else {
              records.add(record);
            }
          }
          line.reset();
          tooLong = false;
          length = 0;
        }
      }
    } catch (NoSuchFileException e) {
      return new Chunk(List.of(), offset, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    return new Chunk(records, position, unreadable);
  }

  private static AuditRecord parse(byte[] line) {
    try {
      JsonNode node = CaskMappers.json().readTree(new String(line, StandardCharsets.UTF_8));
      return node == null || !node.isObject() ? null : AuditRecord.of(node);
    } catch (IOException e) {
      return null;
    }
  }
}
