package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.json.CaskMappers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server finds when it opens an audit log, before it appends anything: the log must agree with its signed
 * checkpoint (at least the records it covers, ending at its head at its byte offset), and every record after the
 * checkpoint must be intact and chained; otherwise the server refuses to start, so it never continues a chain that is
 * already broken. A log that agrees is continued; when the last run did not end with its final checkpoint, what it
 * left behind is reported: records written after the checkpoint (adopted as found) and intents without an outcome.
 *
 * <p>Only the records after the checkpoint are read (the checkpoint's signature vouches for the ones before, and
 * {@code audit verify} reads them all), so start-up does not grow with the log.
 *
 * @param records the log's records (the next one gets {@code records + 1})
 * @param head the last record's hash
 * @param bytes the log's length
 * @param checkpoint the checkpoint found, or null
 * @param open intents without an outcome, oldest first, with their records
 * @param clean whether the last run ended with a final checkpoint that covers everything (nothing to report)
 */
record AuditRecovery(
    long records, String head, long bytes, Checkpoint checkpoint, List<ChainScan.Intent> open, boolean clean) {
  private static final int MAX_LINE = 1024 * 1024;

  AuditRecovery {
    open = List.copyOf(open);
  }

  /** How many records the checkpoint covered (0 without one). */
  long covered() {
    return checkpoint == null ? 0 : checkpoint.records();
  }

  /**
   * Reads {@code log} (of {@code length} bytes) against its checkpoint.
   *
   * @throws CaskException when the checkpoint is damaged or not signed by {@code key}, or the log disagrees with it, or
   *     a record after it is broken: the message names what and where, and how to look (audit verify)
   */
  static AuditRecovery of(Path log, long length, byte[] key) {
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.read(Checkpoint.fileOf(log)).orElse(null);
    } catch (IllegalArgumentException | IOException e) {
      throw refused(log, "checkpoint", "its checkpoint " + Checkpoint.fileOf(log).getFileName() + " is damaged: "
          + e.getMessage());
    }
    if (checkpoint != null && !checkpoint.signedBy(key)) {
      throw refused(log, "checkpoint", "its checkpoint is not signed by this server's checkpoint key "
          + Ed25519Keys.keyId(key) + " (it names " + checkpoint.keyId() + "): it was forged, or the server key"
          + " (cask-runtime.key beside the log) changed");
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      ChainScan scan;
      if (checkpoint == null) {
        scan = new ChainScan(0, AuditLines.GENESIS, 0, -1);
      } else {
        requireCheckpointed(log, file, length, checkpoint);
        scan = new ChainScan(checkpoint.records(), checkpoint.head(), checkpoint.bytes(), -1);
        for (Checkpoint.OpenIntent intent : checkpoint.open()) {
          scan.assumeOpen(new ChainScan.Intent(intent.seq(), intent.offset(), null));
        }
        file.seek(checkpoint.bytes());
      }
      long start = checkpoint == null ? 0 : checkpoint.bytes();
      InputStream in = new BufferedInputStream(bounded(Channels.newInputStream(file.getChannel()), length - start),
          64 * 1024);
      if (!scan.scan(in)) {
        throw refused(log, "line " + scan.brokenLine(), scan.problem() + " (" + scan.records()
            + " records before it are intact)");
      }
      List<ChainScan.Intent> open = new ArrayList<>();
      for (ChainScan.Intent intent : scan.open().values()) {
        open.add(intent.record() != null ? intent : new ChainScan.Intent(intent.seq(), intent.offset(),
            intentAt(log, file, intent)));
      }
      boolean clean = open.isEmpty() && (checkpoint == null
          ? scan.records() == 0
          : checkpoint.fin() && scan.records() == checkpoint.records());
      return new AuditRecovery(scan.records(), scan.head(), scan.offset(), checkpoint, open, clean);
    } catch (IOException e) {
      throw refused(log, null, "it cannot be read: " + e.getMessage());
    }
  }

  /** At most {@code limit} bytes of {@code in}: the log's length when it was opened, whatever the file does since. */
  private static InputStream bounded(InputStream in, long limit) {
    return new java.io.FilterInputStream(in) {
      private long left = limit;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  /** The log must reach the checkpoint's offset, and the record ending there must be the one it signed. */
  private static void requireCheckpointed(Path log, RandomAccessFile file, long length, Checkpoint checkpoint)
      throws IOException {
    if (length < checkpoint.bytes()) {
      throw refused(log, null, (length == 0 ? "it is empty" : "it has " + length + " bytes") + ", but its signed"
          + " checkpoint of " + checkpoint.time() + " covers " + checkpoint.records() + " records in "
          + checkpoint.bytes() + " bytes: records were cut off or removed");
    }
    if (checkpoint.records() == 0) {
      return;
    }
    String line = lineEndingAt(file, checkpoint.bytes());
    String body = line == null ? null : AuditLines.body(line);
    boolean same = body != null && AuditLines.hashOfBody(body).equals(AuditLines.claimedHash(line))
        && AuditLines.claimedHash(line).equals(checkpoint.head())
        && CaskMappers.json().readTree(body + "}").path("seq").asLong() == checkpoint.records();
    if (!same) {
      throw refused(log, "byte " + checkpoint.bytes(), "the record there is not record " + checkpoint.records()
          + " as its signed checkpoint of " + checkpoint.time() + " has it: the log was rewritten, or records were"
          + " changed, removed or inserted");
    }
  }

  /** The line (without its newline) that ends at byte {@code end}, or null when there is no such line. */
  private static String lineEndingAt(RandomAccessFile file, long end) throws IOException {
    if (end < 1) {
      return null;
    }
    file.seek(end - 1);
    if (file.read() != '\n') {
      return null;
    }
    long start = end - 1;
    byte[] chunk = new byte[4096];
    while (start > 0 && end - start <= MAX_LINE) {
      int size = (int) Math.min(chunk.length, start);
      file.seek(start - size);
      file.readFully(chunk, 0, size);
      int i = size - 1;
      while (i >= 0 && chunk[i] != '\n') {
        i--;
      }
      if (i >= 0) {
        start = start - size + i + 1;
        break;
      }
      start -= size;
    }
    if (end - 1 - start > MAX_LINE) {
      return null;
    }
    byte[] bytes = new byte[(int) (end - 1 - start)];
    file.seek(start);
    file.readFully(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** The record of an intent the checkpoint lists as open (its line lies before the checkpoint's offset). */
  private static JsonNode intentAt(Path log, RandomAccessFile file, ChainScan.Intent intent) throws IOException {
    file.seek(intent.offset());
    byte[] buffer = new byte[4096];
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int read;
    outer:
    while ((read = file.read(buffer)) > 0) {
      for (int i = 0; i < read; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, 0, i);
          break outer;
        }
      }
      line.write(buffer, 0, read);
      if (line.size() > MAX_LINE) {
        break;
      }
    }
    String text = line.toString(StandardCharsets.US_ASCII);
    String body = AuditLines.body(text);
    JsonNode record = null;
    if (body != null && AuditLines.hashOfBody(body).equals(AuditLines.claimedHash(text))) {
      record = CaskMappers.json().readTree(body + "}");
    }
    if (record == null || record.path("seq").asLong() != intent.seq()
        || !AuditEntry.SENDING.equals(record.path("reason").asText())) {
      throw refused(log, "byte " + intent.offset(), "its checkpoint lists an intent (record " + intent.seq()
          + ") there, but the record there is not that intent: the log was rewritten");
    }
    return record;
  }

  static CaskException refused(Path log, String where, String problem) {
    return new CaskException(log.toString(), where, "the audit log cannot be continued: " + problem,
        "run 'java -jar cask-runtime.jar audit verify " + log + "' to see what happened; to start a new chain, keep the"
            + " log as evidence and move it and " + Checkpoint.fileOf(log).getFileName() + " aside");
  }
}
