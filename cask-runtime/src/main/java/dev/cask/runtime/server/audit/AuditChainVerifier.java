package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an audit log ({@code java -jar cask-runtime.jar audit verify FILE}): every line must be a complete, pure-ASCII
 * record whose hash matches its content, whose {@code prev} is the previous record's hash (the first one's is all
 * zeros) and whose {@code seq} follows the previous one. Reports the first broken record. Streams the file: memory does
 * not grow with its size.
 *
 * <p>What a chain cannot show by itself: records cut off at the end (compare the head hash with one anchored
 * elsewhere), or a whole log rewritten by someone who can also recompute hashes (they are not keyed; ship records to
 * an append-only store if that is in your threat model).
 */
public final class AuditChainVerifier {
  private static final int MAX_LINE = 1024 * 1024;

  private AuditChainVerifier() {}

  public static AuditVerification verify(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      return verify(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static AuditVerification verify(InputStream in) throws IOException {
    String prev = AuditLines.GENESIS;
    long seq = 0;
    long lineNumber = 0;
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
        return new AuditVerification(true, seq, prev, 0, null);
      }
      lineNumber++;
      if (!ended) {
        return broken(seq, prev, lineNumber, "the record is incomplete (the file ends without a line end)");
      }
      if (tooLong) {
        return broken(seq, prev, lineNumber, "the line is longer than " + MAX_LINE + " bytes");
      }
      byte[] bytes = buffer.toByteArray();
      for (byte c : bytes) {
        if (c < 0x20 || c > 0x7E) {
          return broken(seq, prev, lineNumber, "the line contains a byte that is not printable ASCII");
        }
      }
      String line = new String(bytes, StandardCharsets.US_ASCII);
      String body = AuditLines.body(line);
      if (body == null) {
        return broken(seq, prev, lineNumber, "the line does not end with a hash member");
      }
      String hash = AuditLines.claimedHash(line);
      if (!AuditLines.hashOfBody(body).equals(hash)) {
        return broken(seq, prev, lineNumber, "the hash does not match the record's content (the record was changed)");
      }
      JsonNode record;
      try {
        record = CaskMappers.json().readTree(body + "}");
      } catch (IOException e) {
        return broken(seq, prev, lineNumber, "the record is not well-formed JSON");
      }
      if (record == null || !record.isObject()) {
        return broken(seq, prev, lineNumber, "the record is not a JSON object");
      }
      if (record.path("v").asInt() != AuditLines.VERSION) {
        return broken(seq, prev, lineNumber, "unknown record version " + record.path("v"));
      }
      if (!prev.equals(record.path("prev").asText())) {
        return broken(seq, prev, lineNumber,
            "'prev' is not the previous record's hash (a record was removed, inserted or reordered before it)");
      }
      if (record.path("seq").asLong() != seq + 1) {
        return broken(seq, prev, lineNumber, "'seq' is " + record.path("seq") + ", expected " + (seq + 1));
      }
      seq++;
      prev = hash;
    }
  }

  private static AuditVerification broken(long records, String head, long line, String problem) {
    return new AuditVerification(false, records, head, line, problem);
  }
}
