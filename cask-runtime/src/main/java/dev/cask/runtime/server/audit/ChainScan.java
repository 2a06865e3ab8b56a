package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads audit lines from a position in a log and checks every link: a complete, pure-ASCII line whose hash matches
 * its content, whose {@code prev} is the previous record's hash and whose {@code seq} follows it. On the way it keeps
 * what verification and a restart need to know: the intents that have no outcome yet, the records a restart wrote
 * (with how many records the checkpoint before it covered), and the outcomes a restart declared unknown. One scanner
 * serves both {@code audit verify} (from the first line) and start-up (from the last checkpoint), so both apply the
 * same rule. Streams: memory grows with the open intents, not with the log.
 */
final class ChainScan {
  private static final int MAX_LINE = 1024 * 1024;
  /** How many restart and unknown-outcome records are kept to report; beyond it they are only counted. */
  static final int MAX_KEPT = 100;

  /** An intent record: a request about to leave, with its line's offset and content. */
  record Intent(long seq, long offset, JsonNode record) {}

  /** A record the server wrote at a restart after an unclean stop. */
  record Restart(long seq, long covered, String time) {}

  /** A record a restart wrote for an intent that had no outcome. */
  record UnknownOutcome(long seq, long intent, String tool, String time) {}

  private long seq;
  private String head;
  private long offset;
  private final long markRecords;
  private String markHead;
  private long markOffset = -1;
  private final Map<Long, Intent> open = new LinkedHashMap<>();
  private final List<Restart> restarts = new ArrayList<>();
  private final List<UnknownOutcome> unknown = new ArrayList<>();
  private long restartCount;
  private long unknownCount;
  private long brokenLine;
  private String problem;

  /**
   * @param seq the sequence number of the record before the first line read (0 at the start of a log)
   * @param head that record's hash ({@link AuditLines#GENESIS} at the start)
   * @param offset the byte offset of the first line read
   * @param markRecords remember head and offset once this many records are read (a checkpoint's count), or -1
   */
  ChainScan(long seq, String head, long offset, long markRecords) {
    this.seq = seq;
    this.head = head;
    this.offset = offset;
    this.markRecords = markRecords;
    if (markRecords == seq) {
      markHead = head;
      markOffset = offset;
    }
  }

  /** Intents known to be open at the starting position (from a checkpoint); their records are filled in later. */
  void assumeOpen(Intent intent) {
    open.put(intent.seq(), intent);
  }

  /**
   * Reads lines until the end of the stream or the first broken record.
   *
   * @return whether every line read was intact
   */
  boolean scan(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    while (true) {
      buffer.reset();
      int b;
      boolean ended = false;
      boolean tooLong = false;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          ended = true;
          break;
        }
        if (buffer.size() < MAX_LINE) {
          buffer.write(b);
        } else {
          tooLong = true;
        }
      }
      if (!ended && buffer.size() == 0) {
        return true;
      }
      if (!ended) {
        return broken("the record is incomplete (the file ends without a line end)");
      }
      if (tooLong) {
        return broken("the line is longer than " + MAX_LINE + " bytes");
      }
      if (!record(buffer.toByteArray())) {
        return false;
      }
    }
  }

  private boolean record(byte[] bytes) {
    for (byte c : bytes) {
      if (c < 0x20 || c > 0x7E) {
        return broken("the line contains a byte that is not printable ASCII");
      }
    }
    String line = new String(bytes, StandardCharsets.US_ASCII);
    String body = AuditLines.body(line);
    if (body == null) {
      return broken("the line does not end with a hash member");
    }
    String hash = AuditLines.claimedHash(line);
    if (!AuditLines.hashOfBody(body).equals(hash)) {
      return broken("the hash does not match the record's content (the record was changed)");
    }
    JsonNode record;
    try {
      record = CaskMappers.json().readTree(body + "}");
    } catch (IOException e) {
      return broken("the record is not well-formed JSON");
    }
    if (record == null || !record.isObject()) {
      return broken("the record is not a JSON object");
    }
    if (record.path("v").asInt() != AuditLines.VERSION) {
      return broken("unknown record version " + record.path("v"));
    }
    if (!head.equals(record.path("prev").asText())) {
      return broken("'prev' is not the previous record's hash (a record was removed, inserted or reordered before it)");
    }
    if (record.path("seq").asLong() != seq + 1) {
      return broken("'seq' is " + record.path("seq") + ", expected " + (seq + 1));
    }
    long start = offset;
    seq++;
    head = hash;
    offset += bytes.length + 1;
    follow(record, start);
    if (seq == markRecords) {
      markHead = head;
      markOffset = offset;
    }
    return true;
  }

  /** Keeps track of intents, their outcomes and what restarts wrote. */
  private void follow(JsonNode record, long start) {
    String reason = record.path("reason").asText();
    JsonNode intent = record.get("intent");
    if (intent != null && intent.canConvertToLong()) {
      open.remove(intent.asLong());
      if (AuditEntry.OUTCOME_UNKNOWN.equals(reason) && unknownCount++ < MAX_KEPT) {
        unknown.add(new UnknownOutcome(seq, intent.asLong(), record.path("tool").asText(), record.path("time").asText()));
      }
    } else if (AuditEntry.SENDING.equals(reason)) {
      open.put(seq, new Intent(seq, start, record));
    }
    if (AuditEntry.RESTART.equals(record.path("decision").asText()) && restartCount++ < MAX_KEPT) {
      restarts.add(new Restart(seq, record.path("covered").asLong(0), record.path("time").asText()));
    }
  }

  private boolean broken(String what) {
    brokenLine = seq + 1;
    problem = what;
    return false;
  }

  /** Records read so far, counted from the start of the log (the last intact record's sequence number). */
  long records() {
    return seq;
  }

  /** The hash of the last intact record. */
  String head() {
    return head;
  }

  /** The byte offset just after the last intact record. */
  long offset() {
    return offset;
  }

  /** The head when {@code markRecords} records had been read, or null if the scan never got there. */
  String markHead() {
    return markHead;
  }

  /** The offset when {@code markRecords} records had been read, or -1 if the scan never got there. */
  long markOffset() {
    return markOffset;
  }

  /** Intents without an outcome record, by sequence number. */
  Map<Long, Intent> open() {
    return open;
  }

  /** The first {@value #MAX_KEPT} restart records; {@link #restartCount} counts all of them. */
  List<Restart> restarts() {
    return restarts;
  }

  long restartCount() {
    return restartCount;
  }

  /** The first {@value #MAX_KEPT} unknown-outcome records; {@link #unknownCount} counts all of them. */
  List<UnknownOutcome> unknownOutcomes() {
    return unknown;
  }

  long unknownCount() {
    return unknownCount;
  }

  /** The line number (in an intact log, the sequence number) of the first broken record, or 0. */
  long brokenLine() {
    return brokenLine;
  }

  /** What is wrong with the first broken record, or null. */
  String problem() {
    return problem;
  }
}
