package dev.cask.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
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
    Sink sink = new Sink(null);
    write(value, sink);
    return sink.toByteArray();
  }

  /** {@code sha256:<hex>} of the canonical JSON of a value. */
  public static String digest(Object value) {
    MessageDigest sha256 = newSha256();
    Sink sink = new Sink(sha256);
    write(value, sink);
    sink.flush();
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

  /** A fresh SHA-256 digest. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * A flat map of strings and whole numbers (signed payloads) is written directly; anything else as the strict mapper
   * serializes it, converted to a tree without copying the {@link JsonNode}s it holds (a tool definition's schemas are
   * most of its bytes, and the walk below only reads them).
   */
  private static void write(Object value, Sink out) {
    if (value instanceof JsonNode node) {
      writeNode(node, out);
    } else if (value instanceof Map<?, ?> map && isFlat(map)) {
      writeFlat(map, out);
    } else {
      writeNode(TREE_MAPPER.valueToTree(value), out);
    }
  }

  private static boolean isFlat(Map<?, ?> map) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object v = entry.getValue();
      if (!(entry.getKey() instanceof String)
          || !(v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean)) {
        return false;
      }
    }
    return true;
  }

  private static void writeFlat(Map<?, ?> map, Sink out) {
    String[] keys = new String[map.size()];
    int n = 0;
    for (Object key : map.keySet()) {
      keys[n++] = (String) key;
    }
    Arrays.sort(keys); // String order is UTF-16 code-unit order, as RFC 8785 requires
    out.write('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      writeString(keys[i], out);
      out.write(':');
      Object v = map.get(keys[i]);
      if (v instanceof String text) {
        writeString(text, out);
      } else if (v instanceof Boolean bool) {
        out.writeAscii(bool ? "true" : "false");
      } else {
        writeLong(((Number) v).longValue(), out);
      }
    }
    out.write('}');
  }

  private static void writeNode(JsonNode node, Sink out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        int size = node.size();
        @SuppressWarnings("unchecked")
        Map.Entry<String, JsonNode>[] fields = new Map.Entry[size];
        int n = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          fields[n++] = field;
        }
        Arrays.sort(fields, 0, n, BY_KEY); // String order is UTF-16 code-unit order, as RFC 8785 requires
        out.write('{');
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.write(',');
          }
          writeString(fields[i].getKey(), out);
          out.write(':');
          writeNode(fields[i].getValue(), out);
        }
        out.write('}');
      }
      case ARRAY -> {
        out.write('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          writeNode(node.get(i), out);
        }
        out.write(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> writeNumber(node, out);
      case BOOLEAN -> out.writeAscii(node.booleanValue() ? "true" : "false");
      case NULL -> out.writeAscii("null");
      default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
    }
  }

  /**
   * ECMAScript number formatting of the value as an IEEE double ({@code NumberToJSON}); whole numbers a double holds
   * exactly print as their digits, which is what that formatting gives them, without the general algorithm.
   */
  private static void writeNumber(JsonNode node, Sink out) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long value = node.longValue();
      if (value >= -MAX_EXACT && value <= MAX_EXACT) {
        writeLong(value, out);
        return;
      }
    }
    out.writeAscii(ecmaScript(node.doubleValue()));
  }

  private static String ecmaScript(double value) {
    try {
      return NumberToJSON.serializeNumber(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON number: " + value, e); // NaN or infinite
    }
  }

  private static void writeLong(long value, Sink out) {
    if (value >= -MAX_EXACT && value <= MAX_EXACT) {
      out.writeAscii(Long.toString(value));
    } else {
      out.writeAscii(ecmaScript((double) value));
    }
  }

  /**
   * ECMAScript JSON.stringify string escaping: quote, backslash and control characters; everything else as UTF-8
   * (an unpaired surrogate as {@code ?}, as {@link String#getBytes} writes it).
   */
  private static void writeString(String text, Sink out) {
    out.write('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out.write(c);
          continue;
        }
        switch (c) {
          case '"' -> out.write2('\\', '"');
          case '\\' -> out.write2('\\', '\\');
          case '\b' -> out.write2('\\', 'b');
          case '\f' -> out.write2('\\', 'f');
          case '\n' -> out.write2('\\', 'n');
          case '\r' -> out.write2('\\', 'r');
          case '\t' -> out.write2('\\', 't');
          default -> {
            out.write2('\\', 'u');
            out.write2('0', '0');
            out.write2(HEX[c >> 4], HEX[c & 0xF]);
          }
        }
      } else if (c < 0x800) {
        out.write2(0xC0 | (c >> 6), 0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, text.charAt(++i));
          out.write2(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F));
          out.write2(0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
        } else {
          out.write('?');
        }
      } else {
        out.write(0xE0 | (c >> 12));
        out.write2(0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
      }
    }
    out.write('"');
  }

  /** The largest magnitude up to which every whole number is a double exactly (2^53). */
  private static final long MAX_EXACT = 1L << 53;

  private static final Comparator<Map.Entry<String, JsonNode>> BY_KEY = Map.Entry.comparingByKey();

  /**
   * The strict mapper, except that a {@link JsonNode} inside a value goes into the tree as it is (an embedded object
   * that the tree reader hands back unchanged) instead of being serialized and parsed again.
   */
  private static final ObjectMapper TREE_MAPPER = treeMapper();

  private static ObjectMapper treeMapper() {
    ObjectMapper mapper = CaskMappers.json().copy();
    SimpleModule module = new SimpleModule("cask-canonical-tree");
    module.addSerializer(JsonNode.class, new JsonSerializer<JsonNode>() {
      @Override
      public void serialize(JsonNode node, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (gen instanceof TokenBuffer) {
          gen.writeEmbeddedObject(node);
        } else {
          node.serialize(gen, provider);
        }
      }
    });
    mapper.registerModule(module);
    return mapper;
  }

  /** Bytes into a digest (or kept, for {@link #canonicalBytes}) through one buffer: the walk writes many tiny pieces. */
  private static final class Sink {
    private final MessageDigest digest;
    private byte[] buffer = new byte[8192];
    private int count;

    Sink(MessageDigest digest) {
      this.digest = digest;
    }

    void write(int b) {
      if (count == buffer.length) {
        drain();
      }
      buffer[count++] = (byte) b;
    }

    void write2(int a, int b) {
      if (count + 2 > buffer.length) {
        drain();
      }
      buffer[count++] = (byte) a;
      buffer[count++] = (byte) b;
    }

    void writeAscii(String text) {
      for (int i = 0; i < text.length(); i++) {
        write(text.charAt(i));
      }
    }

    private void drain() {
      if (digest != null) {
        digest.update(buffer, 0, count);
        count = 0;
      } else {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
    }

    void flush() {
      if (digest != null && count > 0) {
        digest.update(buffer, 0, count);
        count = 0;
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, count);
    }
  }
}
