package dev.cask.runtime.server.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.text.ControlCharacters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code body} argument into bytes for the binding's media type: JSON (any {@code json} type), form
 * ({@code application/x-www-form-urlencoded}: the object's members, arrays repeated, nested values as JSON text),
 * multipart ({@code multipart/form-data}: one part per member, JSON parts for nested values) or, for any other type,
 * a string argument sent as UTF-8 text.
 */
final class BodyEncoder {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String mediaType;
  private final Kind kind;

  private enum Kind { JSON, FORM, MULTIPART, TEXT }

  BodyEncoder(String mediaType) {
    this.mediaType = mediaType;
    String lower = mediaType.toLowerCase(Locale.ROOT);
    if (lower.contains("json")) {
      kind = Kind.JSON;
    } else if (lower.startsWith("application/x-www-form-urlencoded")) {
      kind = Kind.FORM;
    } else if (lower.startsWith("multipart/form-data")) {
      kind = Kind.MULTIPART;
    } else {
      kind = Kind.TEXT;
    }
  }

  /** The encoded body; {@link Encoded#contentType()} may carry a multipart boundary. */
  record Encoded(String contentType, byte[] bytes) {}

  Encoded encode(JsonNode body) {
    return switch (kind) {
      case JSON -> new Encoded(mediaType, json(body));
      case FORM -> new Encoded(mediaType, form(body));
      case MULTIPART -> multipart(body);
      case TEXT -> {
        if (!body.isTextual()) {
          throw new RequestRejectedException("the body for " + mediaType + " must be a string");
        }
        yield new Encoded(mediaType, body.textValue().getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  private static byte[] json(JsonNode body) {
    try {
      return CaskMappers.json().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the body", e);
    }
  }

  private static byte[] form(JsonNode body) {
    if (!body.isObject()) {
      throw new RequestRejectedException("a form body must be an object");
    }
    StringBuilder out = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      String name = PercentEncoding.encode(field.getKey());
      if (value.isArray()) {
        for (JsonNode item : value) {
          append(out, name, ParameterStyle.scalar(item));
        }
      } else {
        append(out, name, ParameterStyle.scalar(value));
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void append(StringBuilder out, String encodedName, String value) {
    if (out.length() > 0) {
      out.append('&');
    }
    out.append(encodedName).append('=').append(PercentEncoding.encode(value));
  }

  private Encoded multipart(JsonNode body) {
    if (!body.isObject()) {
      throw new RequestRejectedException("a multipart body must be an object");
    }
    byte[] boundaryBytes = new byte[12];
    RANDOM.nextBytes(boundaryBytes);
    String boundary = "cask-" + HexFormat.of().formatHex(boundaryBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '"' || c == '\\')) {
        throw new RequestRejectedException("multipart field name '" + printable(name) + "' contains a quote or control character");
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      boolean structured = value.isContainerNode();
      byte[] content = structured ? json(value) : ParameterStyle.scalar(value).getBytes(StandardCharsets.UTF_8);
      if (new String(content, StandardCharsets.ISO_8859_1).contains(boundary)) {
        throw new RequestRejectedException("a multipart value contains the boundary");
      }
      write(out, "--" + boundary + "\r\n");
      write(out, "Content-Disposition: form-data; name=\"" + name + "\"\r\n");
      write(out, "Content-Type: " + (structured ? "application/json" : "text/plain; charset=UTF-8") + "\r\n\r\n");
      out.writeBytes(content);
      write(out, "\r\n");
    }
    write(out, "--" + boundary + "--\r\n");
    return new Encoded("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  static String printable(String text) {
    return ControlCharacters.escape(text, 64);
  }
}
