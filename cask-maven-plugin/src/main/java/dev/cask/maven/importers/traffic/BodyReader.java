package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a captured body (base64, gzip), parses JSON and form bodies and redacts them. Text, XML, multipart and binary
 * bodies are classified but never kept. Bodies above {@value #MAX_BODY_BYTES} bytes are not parsed: their shape is
 * unknown rather than memory exhausted.
 */
final class BodyReader {
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final Redactor redactor;
  private final RedactionLog redactions;
  private final Warnings warnings;

  BodyReader(Redactor redactor, RedactionLog redactions, Warnings warnings) {
    this.redactor = redactor;
    this.redactions = redactions;
    this.warnings = warnings;
  }

  /** The media type without parameters, lower case; null for none. */
  static String mediaType(String declared) {
    if (declared == null) {
      return null;
    }
    int semicolon = declared.indexOf(';');
    String type = (semicolon >= 0 ? declared.substring(0, semicolon) : declared).trim().toLowerCase(Locale.ROOT);
    return type.isEmpty() || !type.contains("/") ? null : type;
  }

  static Body.Kind kindOf(String mediaType) {
    if (mediaType == null) {
      return Body.Kind.NONE;
    }
    if (mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json")) {
      return Body.Kind.JSON;
    }
    if (mediaType.equals("application/x-www-form-urlencoded")) {
      return Body.Kind.FORM;
    }
    if (mediaType.startsWith("multipart/")) {
      return Body.Kind.MULTIPART;
    }
    if (mediaType.startsWith("text/") || mediaType.endsWith("+xml") || mediaType.equals("application/xml")
        || mediaType.equals("application/javascript") || mediaType.equals("application/x-ndjson")) {
      return Body.Kind.TEXT;
    }
    return Body.Kind.BINARY;
  }

  /**
   * @param raw the body as captured
   * @param contentEncoding the Content-Encoding header, or null
   * @param where the file and entry, for warnings ({@code app.har#entries/3})
   * @param location where the body is, for redaction records ({@code app.har#entries/3/response/body})
   */
  Body read(RawBody raw, String contentEncoding, String where, String location) {
    String mediaType = mediaType(raw.mimeType());
    Body.Kind kind = kindOf(mediaType);
    if (raw.isEmpty()) {
      return mediaType == null ? Body.NONE : new Body(mediaType, kind, null);
    }
    if (kind == Body.Kind.FORM || (mediaType == null && raw.text() == null && !raw.params().isEmpty())) {
      return form(raw, mediaType == null ? "application/x-www-form-urlencoded" : mediaType, where, location);
    }
    if (kind == Body.Kind.MULTIPART) {
      return new Body(mediaType, kind, null);
    }
    String text = raw.text() == null ? "" : raw.text();
    if (raw.base64()) {
      text = decodeBase64(text, contentEncoding, kind, where);
      if (text == null) {
        return new Body(mediaType, kind == Body.Kind.JSON ? Body.Kind.UNREADABLE : Body.Kind.BINARY, null);
      }
    }
    boolean sniffJson = (mediaType == null || mediaType.equals("text/plain")) && looksLikeJson(text);
    if (kind == Body.Kind.JSON || sniffJson) {
      return json(text, mediaType == null ? "application/json" : mediaType, where, location, sniffJson);
    }
    if (mediaType == null) {
      return new Body("application/octet-stream", Body.Kind.BINARY, null);
    }
    return new Body(mediaType, kind, null);
  }

  private Body json(String text, String mediaType, String where, String location, boolean sniffed) {
    if (text.isBlank()) {
      return new Body(mediaType, Body.Kind.JSON, null);
    }
    if (text.length() > MAX_BODY_BYTES) {
      warnings.warn("large-body", where, "JSON body of " + text.length() + " characters is larger than "
          + MAX_BODY_BYTES + ": its shape is not inferred");
      return new Body(mediaType, Body.Kind.UNREADABLE, null);
    }
    try {
      JsonNode tree = CaskMappers.json().readTree(text);
      return new Body(mediaType, Body.Kind.JSON, redactor.json(tree, location, redactions));
    } catch (JsonProcessingException e) {
      if (sniffed) {
        return new Body(mediaType, Body.Kind.TEXT, null);
      }
      // Jackson's message quotes the offending token, which may be a secret: report only the position.
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      warnings.warn("unreadable-json", where, "body declared " + mediaType + " is not valid JSON" + at
          + "; its shape is not inferred");
      return new Body(mediaType, Body.Kind.UNREADABLE, null);
    }
  }

  private Body form(RawBody raw, String mediaType, String where, String location) {
    String encoded;
    if (raw.text() != null && !raw.text().isEmpty()) {
      encoded = raw.base64() ? decodeBase64(raw.text(), null, Body.Kind.FORM, where) : raw.text();
      if (encoded == null) {
        return new Body(mediaType, Body.Kind.UNREADABLE, null);
      }
    } else {
      StringBuilder built = new StringBuilder();
      for (NameValue param : raw.params()) {
        if (built.length() > 0) {
          built.append('&');
        }
        built.append(URLEncoder.encode(param.name(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(param.value(), StandardCharsets.UTF_8));
      }
      encoded = built.toString();
    }
    if (encoded.length() > MAX_BODY_BYTES) {
      warnings.warn("large-body", where, "form body larger than " + MAX_BODY_BYTES + " characters: its shape is not inferred");
      return new Body(mediaType, Body.Kind.UNREADABLE, null);
    }
    String redacted = redactor.form(encoded.trim(), location, redactions);
    return new Body(mediaType, Body.Kind.FORM, formObject(redacted));
  }

  /** field → string value, repeated fields → array of strings, in first-seen order. */
  static ObjectNode formObject(String encoded) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    if (encoded == null || encoded.isEmpty()) {
      return object;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      JsonNode existing = object.get(name);
      if (existing == null) {
        object.put(name, value);
      } else if (existing.isArray()) {
        ((ArrayNode) existing).add(value);
      } else {
        ArrayNode values = object.putArray(name);
        values.add(existing);
        values.add(value);
      }
    }
    return object;
  }

  static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  /** Base64 → text; gunzips when the bytes are gzip; null (with a warning) for invalid base64 or binary content. */
  private String decodeBase64(String text, String contentEncoding, Body.Kind kind, String where) {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      warnings.warn("bad-base64", where, "body marked base64 is not valid base64; its shape is not inferred");
      return null;
    }
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      bytes = gunzip(bytes, where);
      if (bytes == null) {
        return null;
      }
    } else if (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("br")
        && (kind == Body.Kind.JSON || kind == Body.Kind.FORM) && !isUtf8(bytes)) {
      warnings.warn("compressed-body", where, "body is still brotli-compressed; its shape is not inferred");
      return null;
    }
    if (kind != Body.Kind.JSON && kind != Body.Kind.FORM && kind != Body.Kind.TEXT && kind != Body.Kind.NONE) {
      return null; // binary: never decoded into text
    }
    if (!isUtf8(bytes)) {
      if (kind == Body.Kind.JSON || kind == Body.Kind.FORM) {
        warnings.warn("binary-body", where, "body declared " + kind.name().toLowerCase(Locale.ROOT)
            + " holds binary data; its shape is not inferred");
      }
      return null;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Gunzips at most {@value #MAX_BODY_BYTES} bytes (a small gzip can expand to gigabytes). */
  private byte[] gunzip(byte[] bytes, String where) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) > 0) {
        out.write(buffer, 0, read);
        if (out.size() > MAX_BODY_BYTES) {
          warnings.warn("large-body", where, "gzip body expands beyond " + MAX_BODY_BYTES + " bytes; its shape is not inferred");
          return null;
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      warnings.warn("bad-gzip", where, "gzip body cannot be decompressed; its shape is not inferred");
      return null;
    }
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return false;
    }
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeJson(String text) {
    String trimmed = text.strip();
    return (trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"));
  }
}
