package dev.cask.runtime.server.upstream;

import dev.cask.runtime.model.HttpMethod;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP request ready to send, built from the tool's binding and validated arguments. Path and query are already
 * percent-encoded. Operator credentials are not in it: they are added at the last moment, for the tool's own host only.
 *
 * @param method the HTTP method
 * @param scheme {@code https} or {@code http}
 * @param host the host as written in the URL ({@code api.example.com}, {@code [2001:db8::1]})
 * @param port the explicit port, or -1 for the scheme's default
 * @param rawPath the encoded path
 * @param rawQuery the encoded query without {@code ?}, or null
 * @param headers headers from arguments (never credentials, never {@code Host}/{@code Content-Length})
 * @param contentType the body's media type, or null without body
 * @param body the body bytes, or null
 */
public record UpstreamRequest(
    HttpMethod method,
    String scheme,
    String host,
    int port,
    String rawPath,
    String rawQuery,
    List<HttpHeader> headers,
    String contentType,
    byte[] body) {

  public UpstreamRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(rawPath, "rawPath");
    headers = List.copyOf(headers);
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default: the key for credentials and allowlists. */
  public String hostKey() {
    return HostKeys.of(scheme, host, port);
  }

  /** The full URL as sent. */
  public String url() {
    StringBuilder url = new StringBuilder(scheme.length() + host.length() + rawPath.length() + 16);
    url.append(scheme).append("://").append(host);
    if (port != -1) {
      url.append(':').append(port);
    }
    url.append(rawPath);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      url.append('?').append(rawQuery);
    }
    return url.toString();
  }

  public URI uri() {
    return URI.create(url());
  }

  /** The same request with another query (used to add an operator's query credential). */
  UpstreamRequest withQuery(String query) {
    return new UpstreamRequest(method, scheme, host, port, rawPath, query, headers, contentType, body);
  }

  UpstreamRequest withHeaders(List<HttpHeader> newHeaders) {
    return new UpstreamRequest(method, scheme, host, port, rawPath, rawQuery, newHeaders, contentType, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpstreamRequest other
        && method == other.method
        && url().equals(other.url())
        && headers.equals(other.headers)
        && Objects.equals(contentType, other.contentType)
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
