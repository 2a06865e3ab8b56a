package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streaming access to large capture files: a strict JSON parser (duplicate keys are errors) over a stream that
 * computes the file's SHA-256 as it goes, and errors that name the file, the line and the entry without quoting
 * content (a parser message can quote a token, and a token can be a secret).
 */
public final class TrafficFiles {
  /** The longest single JSON string accepted (a body): bounds memory per entry, not per file. */
  public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).maxNestingDepth(1000).build())
          .build();

  /** Reads one value of a stream as a tree: strict like every Cask reader, but the stream goes on after it. */
  private static final com.fasterxml.jackson.databind.ObjectReader TREES =
      dev.cask.runtime.json.CaskMappers.json().reader()
          .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private TrafficFiles() {}

  /** The value the parser is on, as a tree; the parser is left on its last token. */
  public static com.fasterxml.jackson.databind.JsonNode readTree(JsonParser parser) throws IOException {
    return TREES.readTree(parser);
  }

  /** An open capture file: its parser and the digest of what was read so far. */
  public static final class Source implements AutoCloseable {
    private final InputStream in;
    private final DigestInputStream digesting;
    private final JsonParser parser;

    private Source(Path file) throws IOException {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
      this.in = Files.newInputStream(file);
      this.digesting = new DigestInputStream(new BufferedInputStream(in, 1 << 16), sha256);
      this.parser = FACTORY.createParser(digesting);
    }

    public JsonParser parser() {
      return parser;
    }

    /** Reads what is left of the file (whitespace after the last value) and returns the hex SHA-256 of all of it. */
    public String sha256() throws IOException {
      byte[] buffer = new byte[8192];
      while (digesting.read(buffer) >= 0) {
        // drain
      }
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }

    @Override
    public void close() throws IOException {
      parser.close();
      in.close();
    }
  }

  public static Source open(Path file, String displayPath) {
    try {
      return new Source(file);
    } catch (NoSuchFileException e) {
      throw new CaskException(displayPath, null, "file not found", "check -Dcask.inputs");
    } catch (IOException e) {
      throw new CaskException(displayPath, null, "cannot be read: " + e.getClass().getSimpleName(), "check the file's permissions");
    }
  }

  /** A user-facing error for a parse failure, naming the place and the last unit read, quoting no content. */
  public static CaskException parseError(String displayPath, IOException e, String lastUnit, String fix) {
    JsonLocation location = e instanceof JsonProcessingException processing ? processing.getLocation() : null;
    String where = location == null || location.getLineNr() < 0 ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    if (lastUnit != null) {
      where = where.isEmpty() ? lastUnit : where + " (" + lastUnit + ")";
    }
    String problem;
    if (e instanceof JsonEOFException
        || (e instanceof JsonProcessingException p && String.valueOf(p.getOriginalMessage()).contains("end-of-input"))) {
      problem = "ends before its JSON is complete (truncated file?)";
    } else if (e instanceof StreamConstraintsException) {
      problem = "has a value larger than Cask reads (" + MAX_STRING_CHARS + " characters per string, 1000 levels deep)";
      fix = "remove the oversized body from the capture (e.g. export the HAR without content for that request)";
    } else if (e instanceof JsonProcessingException processing) {
      String message = processing.getOriginalMessage() == null ? "" : processing.getOriginalMessage();
      problem = "is not valid JSON: " + quoteFree(message);
    } else {
      throw new UncheckedIOException(e);
    }
    return new CaskException(displayPath, where.isEmpty() ? null : where, problem, fix, e);
  }

  /** A parser message with every quoted token cut out and only its first line kept. */
  static String quoteFree(String message) {
    String line = message.lines().findFirst().orElse("");
    line = line.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** {@code sha256Hex} of a file, for sources read without streaming. */
  static String sha256(byte[] bytes) {
    return CanonicalJson.sha256Hex(bytes);
  }
}
