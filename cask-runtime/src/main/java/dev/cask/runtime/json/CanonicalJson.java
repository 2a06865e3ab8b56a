package dev.cask.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes and SHA-256 digests of model values.
 *
 * <p>Numbers are the hard part of JCS (ECMAScript shortest round-trip formatting of IEEE doubles): they are formatted by
 * {@code NumberToJSON} from {@code java-json-canonicalization}, the reference Java implementation by one of the RFC's
 * authors. The rest — keys sorted by UTF-16 code units, the minimal string escapes, no whitespace — is written here
 * directly over the Jackson tree, streaming into the hash: the reference implementation's own entry point re-parses a
 * serialized string, which made digesting a 1,223-tool toolpack several times slower (the lockfile gate and the
 * runtime's start-up both digest every tool). {@code CanonicalJsonTest} checks byte equality with the reference
 * implementation on every tool of GitHub's API and on edge cases.
 */
public final class CanonicalJson {
  /** The prefix of every digest string Cask writes. */
  public static final String SHA256_PREFIX = "sha256:";

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private CanonicalJson() {}

  /** The RFC 8785 canonical UTF-8 bytes of a value as the strict mapper serializes it. */
  public static byte[] canonicalBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    write(value, out);
    return out.toByteArray();
  }

  /** {@code sha256:<hex>} of the canonical JSON of a value. */
  public static String digest(Object value) {
    MessageDigest sha256 = newSha256();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      write(value, new BufferedSink(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SHA256_PREFIX + HexFormat.of().formatHex(sha256.digest());
  }

  /** {@code sha256:<hex>} of raw bytes (files). */
  public static String digestBytes(byte[] bytes) {
    return SHA256_PREFIX + sha256Hex(bytes);
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] sha256(byte[] bytes) {
    return newSha256().digest(bytes);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static void write(Object value, OutputStream out) {
    JsonNode tree = value instanceof JsonNode node ? node : CaskMappers.json().valueToTree(value);
    try {
      writeNode(tree, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot canonicalize JSON", e);
    }
  }

  private static void writeNode(JsonNode node, OutputStream out) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> keys = new ArrayList<>(node.size());
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null); // String order is UTF-16 code-unit order, as RFC 8785 requires
        out.write('{');
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          writeString(keys.get(i), out);
          out.write(':');
          writeNode(node.get(keys.get(i)), out);
        }
        out.write('}');
      }
      case ARRAY -> {
        out.write('[');
        Iterator<JsonNode> elements = node.elements();
        boolean first = true;
        while (elements.hasNext()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          writeNode(elements.next(), out);
        }
        out.write(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.write(NumberToJSON.serializeNumber(node.doubleValue()).getBytes(StandardCharsets.US_ASCII));
      case BOOLEAN -> out.write((node.booleanValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
      case NULL -> out.write("null".getBytes(StandardCharsets.US_ASCII));
      default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
    }
  }

  /** ECMAScript JSON.stringify string escaping: quote, backslash and control characters; everything else as UTF-8. */
  private static void writeString(String text, OutputStream out) throws IOException {
    out.write('"');
    int length = text.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      if (i > start) {
        out.write(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
      }
      start = i + 1;
      switch (c) {
        case '"' -> out.write(new byte[] {'\\', '"'});
        case '\\' -> out.write(new byte[] {'\\', '\\'});
        case '\b' -> out.write(new byte[] {'\\', 'b'});
        case '\f' -> out.write(new byte[] {'\\', 'f'});
        case '\n' -> out.write(new byte[] {'\\', 'n'});
        case '\r' -> out.write(new byte[] {'\\', 'r'});
        case '\t' -> out.write(new byte[] {'\\', 't'});
        default -> out.write(new byte[] {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 0xF]});
      }
    }
    if (start < length) {
      out.write((start == 0 ? text : text.substring(start)).getBytes(StandardCharsets.UTF_8));
    }
    out.write('"');
  }

  /** A small write buffer in front of the digest stream: the tree walk writes many tiny pieces. */
  private static final class BufferedSink extends java.io.BufferedOutputStream {
    BufferedSink(OutputStream out) {
      super(out, 8192);
    }
  }
}
