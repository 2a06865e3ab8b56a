package dev.cask.runtime.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.crypto.Base64Strict;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.Ed25519Verifier;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A signed statement of how far an audit log reached: its first {@code records} records take {@code bytes} bytes and
 * end with the hash {@code head}; {@code open} lists the intents (calls on their way to the upstream) that had no
 * outcome yet. The server signs one with its checkpoint key (Ed25519) once a second while records arrive, and a
 * {@code final} one when it stops; the latest is kept in {@code <log>.checkpoint}, one line:
 *
 * <pre>{"v":1,"records":7,"bytes":2911,"head":"sha256:…","open":[],"time":"…","final":true,"key":"MCowBQYDK2VwAyEA…","sig":"…"}</pre>
 *
 * The signature covers {@value #CONTEXT} and then every byte of the line before {@code ,"sig":}. Since the head
 * commits to every record before it, a valid checkpoint proves the first {@code records} records are exactly those the
 * server wrote: deleting, changing, reordering records or rebuilding the chain without the key no longer verifies, nor
 * does cutting the log short or emptying it. Records after the checkpoint are covered by the next one.
 *
 * @param records how many records the checkpoint covers
 * @param bytes the log's length after the last covered record
 * @param head the hash of the last covered record ({@link AuditLines#GENESIS} when none)
 * @param open intents among the covered records that had no outcome record yet
 * @param time when it was signed (ISO-8601)
 * @param fin whether the server wrote it as it stopped (its last checkpoint)
 * @param key the signer's raw Ed25519 public key (32 bytes)
 * @param line the exact line as written and signed (without newline)
 */
record Checkpoint(
    long records, long bytes, String head, List<OpenIntent> open, String time, boolean fin, byte[] key, String line) {
  static final String CONTEXT = "cask-audit-checkpoint-v1\n";
  private static final int VERSION = 1;
  private static final String SIG_PREFIX = ",\"sig\":\"";
  private static final Pattern SIG_SUFFIX = Pattern.compile(",\"sig\":\"[A-Za-z0-9+/]{86}==\"}$");
  private static final Set<String> FIELDS = Set.of("v", "records", "bytes", "head", "open", "time", "final", "key");
  private static final Pattern HEAD = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int MAX_LINE = 4 * 1024 * 1024;
  private static final JsonFactory FACTORY = new JsonFactory();

  /** An intent without outcome: its sequence number and the byte offset where its line starts. */
  record OpenIntent(long seq, long offset) {}

  Checkpoint {
    Objects.requireNonNull(head, "head");
    open = List.copyOf(open);
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(line, "line");
  }

  /** The checkpoint file of an audit log. */
  static Path fileOf(Path log) {
    return log.resolveSibling(log.getFileName() + ".checkpoint");
  }

  /** A checkpoint signed now by {@code key}. */
  static Checkpoint sign(
      SigningKey key, long records, long bytes, String head, List<OpenIntent> open, String time, boolean fin) {
    byte[] publicKey = key.publicKey();
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      json.writeNumberField("v", VERSION);
      json.writeNumberField("records", records);
      json.writeNumberField("bytes", bytes);
      json.writeStringField("head", head);
      json.writeArrayFieldStart("open");
      for (OpenIntent intent : open) {
        json.writeStartObject();
        json.writeNumberField("seq", intent.seq());
        json.writeNumberField("offset", intent.offset());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("time", time);
      json.writeBooleanField("final", fin);
      json.writeStringField("key", Ed25519Keys.spkiBase64(publicKey));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String body = text.toString().substring(0, text.toString().length() - 1);
    String line = body + SIG_PREFIX + key.sign(signed(body)) + "\"}";
    return new Checkpoint(records, bytes, head, open, time, fin, publicKey, line);
  }

  /**
   * Reads a log's checkpoint file. Only the form {@link #sign} writes is accepted; the signature is checked by
   * {@link #signedBy}, not here.
   *
   * @return empty when there is no checkpoint file
   * @throws IllegalArgumentException when the file is not a well-formed checkpoint (the message says what is wrong)
   */
  static Optional<Checkpoint> read(Path file) throws IOException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_LINE) {
        throw new IllegalArgumentException("it is larger than " + MAX_LINE + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
      throw new IllegalArgumentException("it is not exactly one line");
    }
    String line = text.substring(0, text.length() - 1);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException("it contains a byte that is not printable ASCII");
      }
    }
    if (!SIG_SUFFIX.matcher(line).find()) {
      throw new IllegalArgumentException("it does not end with a signature");
    }
    String body = line.substring(0, line.lastIndexOf(SIG_PREFIX));
    JsonNode node;
    try {
      node = CaskMappers.json().readTree(body + "}");
    } catch (IOException e) {
      throw new IllegalArgumentException("it is not well-formed JSON");
    }
    return Optional.of(parse(node, line));
  }

  private static Checkpoint parse(JsonNode node, String line) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("it is not a JSON object");
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    if (!Set.copyOf(names).equals(FIELDS) || names.size() != FIELDS.size()) {
      throw new IllegalArgumentException("its members are " + names + ", expected " + FIELDS + " and sig");
    }
    if (node.get("v").asInt() != VERSION || !node.get("v").isInt()) {
      throw new IllegalArgumentException("unknown checkpoint version " + node.get("v"));
    }
    long records = count(node, "records");
    long bytes = count(node, "bytes");
    String head = node.get("head").asText();
    if (!node.get("head").isTextual() || !HEAD.matcher(head).matches()) {
      throw new IllegalArgumentException("'head' is not a sha256 digest");
    }
    if ((records == 0) != (bytes == 0) || (records == 0) != head.equals(AuditLines.GENESIS)) {
      throw new IllegalArgumentException("'records', 'bytes' and 'head' disagree");
    }
    if (!node.get("open").isArray()) {
      throw new IllegalArgumentException("'open' is not an array");
    }
    List<OpenIntent> open = new ArrayList<>();
    for (JsonNode intent : node.get("open")) {
      if (!intent.isObject() || intent.size() != 2 || !intent.has("seq") || !intent.has("offset")) {
        throw new IllegalArgumentException("an 'open' entry is not {seq, offset}");
      }
      long seq = count(intent, "seq");
      long offset = count(intent, "offset");
      if (seq < 1 || seq > records || offset >= bytes) {
        throw new IllegalArgumentException("an 'open' entry lies outside the covered records");
      }
      open.add(new OpenIntent(seq, offset));
    }
    if (!node.get("time").isTextual() || !node.get("final").isBoolean() || !node.get("key").isTextual()) {
      throw new IllegalArgumentException("'time', 'final' or 'key' has the wrong type");
    }
    byte[] key = Ed25519Keys.rawFromSpkiBase64(node.get("key").asText());
    return new Checkpoint(records, bytes, head, open, node.get("time").asText(), node.get("final").asBoolean(), key, line);
  }

  private static long count(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.canConvertToExactIntegral() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new IllegalArgumentException("'" + name + "' is not a non-negative integer");
    }
    return value.asLong();
  }

  /** Whether the checkpoint names {@code rawPublicKey} as its key and carries that key's valid signature. */
  boolean signedBy(byte[] rawPublicKey) {
    if (!java.util.Arrays.equals(key, rawPublicKey)) {
      return false;
    }
    String body = line.substring(0, line.lastIndexOf(SIG_PREFIX));
    String sig = line.substring(body.length() + SIG_PREFIX.length(), line.length() - 2);
    byte[] signature;
    try {
      signature = Base64Strict.decode(sig, Ed25519Verifier.SIGNATURE_LENGTH, "the checkpoint's signature");
    } catch (IllegalArgumentException e) {
      return false;
    }
    return Ed25519Verifier.verify(rawPublicKey, signed(body), signature);
  }

  /** The key as {@code ed25519:<id>}, for messages. */
  String keyId() {
    return Ed25519Keys.keyId(key);
  }

  private static byte[] signed(String body) {
    return (CONTEXT + body).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Replaces {@code file} with this checkpoint: written to a temporary file, forced to disk and renamed over the old
   * one (then the directory is forced), so a crash leaves the old or the new checkpoint, never a mix.
   */
  void writeTo(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    boolean posix = Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
    Path temp = posix
        ? Files.createTempFile(directory, ".checkpoint", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(directory, ".checkpoint", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // directories cannot be forced here: the rename is still atomic
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
