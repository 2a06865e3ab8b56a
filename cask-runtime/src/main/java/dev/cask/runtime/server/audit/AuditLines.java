package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The line format of the audit log, shared by the writer and the verifier (one definition of the hash). A line is a
 * JSON object whose last member is {@code "hash"}:
 *
 * <pre>{"v":1,"seq":7,...,"prev":"sha256:…","hash":"sha256:…"}</pre>
 *
 * The hash is SHA-256 over the exact UTF-8 bytes of the line before {@code ,"hash":} — every other member, the
 * previous record's hash included — so changing, removing, reordering or inserting a record breaks the chain at that
 * record. Lines are pure ASCII (non-ASCII characters are escaped) so that no re-encoding can change the bytes.
 */
final class AuditLines {
  static final int VERSION = 1;
  static final String GENESIS = "sha256:" + "0".repeat(64);
  private static final String HASH_PREFIX = ",\"hash\":\"sha256:";
  private static final Pattern HASH_SUFFIX = Pattern.compile(",\"hash\":\"sha256:[0-9a-f]{64}\"}$");
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private AuditLines() {}

  /** The line (without newline) for an entry at a position in the chain. */
  static String line(long seq, String time, String prev, AuditEntry entry) {
    LineBuffer buffer = new LineBuffer();
    write(seq, time, prev, members(entry), sha256(), buffer);
    return new String(buffer.bytes(), 0, buffer.length() - 1, StandardCharsets.US_ASCII);
  }

  /**
   * The entry's own members ({@code "session"} to {@code "request"}, then {@code "intent"}, {@code "approvedVia"} and
   * {@code "covered"} when set) as ASCII JSON bytes without braces: everything of
   * a line that does not depend on its place in the chain, so the log can write it before it takes its lock.
   */
  static byte[] members(AuditEntry entry) {
    ByteArrayBuilder out = new ByteArrayBuilder(384);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("session", entry.session());
      json.writeStringField("tool", entry.tool());
      json.writeStringField("decision", entry.decision());
      json.writeStringField("reason", entry.reason());
      writeNullable(json, "rule", entry.rule());
      writeNullable(json, "args", entry.argumentsHmac());
      json.writeBooleanField("dryRun", entry.dryRun());
      writeNullable(json, "challenge", entry.challenge());
      if (entry.upstreamStatus() == null) {
        json.writeNullField("upstreamStatus");
      } else {
        json.writeNumberField("upstreamStatus", entry.upstreamStatus());
      }
      json.writeNumberField("latencyMicros", entry.latencyMicros());
      json.writeStringField("lockfile", entry.lockfileDigest());
      if (!entry.auditRules().isEmpty()) {
        json.writeArrayFieldStart("auditRules");
        for (String rule : entry.auditRules()) {
          json.writeString(rule);
        }
        json.writeEndArray();
      }
      if (entry.request() != null) {
        json.writeStringField("request", entry.request());
      }
      if (entry.intent() != null) {
        json.writeNumberField("intent", entry.intent());
      }
      if (entry.approvedVia() != null) {
        json.writeStringField("approvedVia", entry.approvedVia());
      }
      if (entry.covered() != null) {
        json.writeNumberField("covered", entry.covered());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] object = out.toByteArray();
    return Arrays.copyOfRange(object, 1, object.length - 1);
  }

  /**
   * Writes the line at a position in the chain into {@code out} (cleared first), newline included, and returns its
   * hash: {@code v}, {@code seq}, {@code time}, the entry's {@linkplain #members members}, {@code prev}, then
   * {@code hash} over every byte before {@code ,"hash":}. The time is an ISO-8601 instant and prev a {@code sha256:}
   * digest, neither of which needs JSON escaping.
   *
   * @param sha256 a SHA-256 digest the caller owns (the log keeps one, used under its lock)
   */
  static String write(long seq, String time, String prev, byte[] members, MessageDigest sha256, LineBuffer out) {
    requirePlain(time);
    requirePlain(prev);
    out.clear();
    out.ascii("{\"v\":").number(VERSION).ascii(",\"seq\":").number(seq).ascii(",\"time\":\"").ascii(time).ascii("\",")
        .bytes(members).ascii(",\"prev\":\"").ascii(prev).ascii("\"");
    sha256.reset();
    sha256.update(out.bytes(), 0, out.length());
    String hex = HexFormat.of().formatHex(sha256.digest());
    out.ascii(HASH_PREFIX).ascii(hex).ascii("\"}\n");
    return "sha256:" + hex;
  }

  /**
   * A value as this format writes it: a JSON string literal, quotes included, pure ASCII (control and non-ASCII
   * characters escaped), so a value read back from a log can be shown on a terminal as it stands in the file.
   */
  static String quoted(String value) {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** A growable byte buffer for building lines without intermediate strings. Not thread-safe. */
  static final class LineBuffer {
    private byte[] bytes = new byte[1024];
    private int length;

    void clear() {
      length = 0;
    }

    byte[] bytes() {
      return bytes;
    }

    int length() {
      return length;
    }

    LineBuffer bytes(byte[] more) {
      ensure(more.length);
      System.arraycopy(more, 0, bytes, length, more.length);
      length += more.length;
      return this;
    }

    /** Appends ASCII text: this class's own JSON syntax, or a value {@link #requirePlain} accepted. */
    LineBuffer ascii(String text) {
      ensure(text.length());
      for (int i = 0; i < text.length(); i++) {
        bytes[length++] = (byte) text.charAt(i);
      }
      return this;
    }

    LineBuffer number(long value) {
      return ascii(Long.toString(value));
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  /** A value written without JSON escaping must not need any: printable ASCII, no quote, no backslash. */
  private static void requirePlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        throw new IllegalArgumentException("an audit time or hash must be plain ASCII: " + value);
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The body (bytes the hash covers) of a line, or null when the line does not end with a well-formed hash member. */
  static String body(String line) {
    if (!HASH_SUFFIX.matcher(line).find()) {
      return null;
    }
    return line.substring(0, line.lastIndexOf(HASH_PREFIX));
  }

  /** The hash a line claims ({@code sha256:<hex>}); call only after {@link #body} succeeded. */
  static String claimedHash(String line) {
    int start = line.lastIndexOf(HASH_PREFIX) + HASH_PREFIX.length() - "sha256:".length();
    return line.substring(start, line.length() - 2);
  }

  static String hashOfBody(String body) {
    return "sha256:" + sha256Hex(body);
  }

  private static String sha256Hex(String text) {
    return dev.cask.runtime.json.CanonicalJson.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, value);
    }
  }
}
