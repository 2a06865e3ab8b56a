package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.upstream.HostCredential;
import dev.cask.runtime.server.upstream.HttpHeader;
import dev.cask.runtime.server.upstream.UpstreamRequest;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A person-readable rendering of exactly the request that will be (or would be) sent: method, URL with path parameters
 * substituted and query, headers, the operator credential's kind (never its value) and the body, all redacted. Used
 * for dry runs, confirmation summaries and audit details.
 */
final class RequestDescription {
  /** The longest body shown; the rest is summarized (the confirmation token binds the full arguments anyway). */
  static final int MAX_BODY_CHARS = 16 * 1024;

  private final dev.cask.runtime.server.upstream.UpstreamConfig credentials;
  private final OutputRedactor redactor;

  RequestDescription(dev.cask.runtime.server.upstream.UpstreamConfig credentials, OutputRedactor redactor) {
    this.credentials = credentials;
    this.redactor = redactor;
  }

  /** The full description of a request, with the credential the operator configured for its host. */
  String describe(UpstreamRequest request) {
    return describe(request, credentials.credentialFor(request.hostKey(), request.scheme()), redactor);
  }

  /** Method and redacted URL. */
  String line(UpstreamRequest request) {
    return line(request, credentials.credentialFor(request.hostKey(), request.scheme()), redactor);
  }

  OutputRedactor redactor() {
    return redactor;
  }

  static String describe(UpstreamRequest request, HostCredential credential, OutputRedactor redactor) {
    StringBuilder out = new StringBuilder(256);
    out.append(request.method().name()).append(' ').append(redactedUrl(request, credential, redactor)).append('\n');
    for (HttpHeader header : request.headers()) {
      out.append(header.name()).append(": ").append(redactor.redactValue(header.name(), header.value())).append('\n');
    }
    if (credential != null && credential.header() != null) {
      out.append(credential.header().name()).append(": [operator credential: ").append(credential.kind()).append("]\n");
    }
    if (request.body() != null) {
      out.append("Content-Type: ").append(request.contentType()).append("\n\n");
      out.append(body(request.contentType(), request.body(), redactor)).append('\n');
    }
    return out.toString();
  }

  /** One line: method and redacted URL (for audit records). */
  static String line(UpstreamRequest request, HostCredential credential, OutputRedactor redactor) {
    return request.method().name() + " " + redactedUrl(request, credential, redactor);
  }

  private static String redactedUrl(UpstreamRequest request, HostCredential credential, OutputRedactor redactor) {
    StringBuilder url = new StringBuilder(request.scheme()).append("://").append(request.host());
    if (request.port() != -1) {
      url.append(':').append(request.port());
    }
    url.append(request.rawPath());
    String query = request.rawQuery();
    boolean first = true;
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        String redacted = redactor.redactValue(decode(name), decode(value));
        url.append(first ? '?' : '&').append(name).append('=')
            .append(redacted.equals(decode(value)) ? value : redacted);
        first = false;
      }
    }
    if (credential != null && credential.queryName() != null) {
      url.append(first ? '?' : '&').append(credential.queryName()).append("=[operator credential]");
    }
    return url.toString();
  }

  static String body(String contentType, byte[] bytes, OutputRedactor redactor) {
    String text = utf8(bytes);
    if (text == null) {
      return "[" + bytes.length + " bytes of binary " + contentType + "]";
    }
    String redacted = redactor.redactBody(contentType, text);
    if (redacted.length() > MAX_BODY_CHARS) {
      return redacted.substring(0, MAX_BODY_CHARS) + "\n[... " + (redacted.length() - MAX_BODY_CHARS) + " more characters]";
    }
    return redacted;
  }

  /** The text of UTF-8 bytes, or null when they are not valid UTF-8 (binary). */
  static String utf8(byte[] bytes) {
    if (isAscii(bytes)) {
      return new String(bytes, StandardCharsets.US_ASCII); // the common case, without a decoder
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded.toLowerCase(Locale.ROOT);
    }
  }
}
