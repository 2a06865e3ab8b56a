package dev.cask.runtime.replay;

import dev.cask.runtime.model.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream request the runtime builds for a tool and its arguments, before the operator's credentials are added
 * (they are added only when a call is sent, for the tool's own host).
 *
 * @param method the HTTP method
 * @param scheme {@code https} or {@code http}
 * @param host the host as written in the URL
 * @param port the explicit port, or -1 for the scheme's default
 * @param rawPath the percent-encoded path
 * @param rawQuery the percent-encoded query without {@code ?}, or null
 * @param headers headers from arguments, in order
 * @param contentType the body's media type (a multipart type carries its boundary), or null without body
 * @param body the body bytes, or null
 */
public record BuiltRequest(
    HttpMethod method,
    String scheme,
    String host,
    int port,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    String contentType,
    byte[] body) {
  public BuiltRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rawPath, "rawPath");
    headers = List.copyOf(headers);
    body = body == null ? null : body.clone();
  }

  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** The full URL as sent. */
  public String url() {
    return scheme + "://" + host + (port == -1 ? "" : ":" + port) + rawPath
        + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BuiltRequest other && method == other.method && url().equals(other.url())
        && headers.equals(other.headers) && Objects.equals(contentType, other.contentType)
        && java.util.Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, url(), headers, contentType, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return method + " " + url();
  }
}
