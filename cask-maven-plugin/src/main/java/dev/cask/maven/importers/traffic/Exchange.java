package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.capture.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One observed call, normalised and redacted: nothing in it may carry a secret or personal data any more.
 *
 * @param order input order in the source
 * @param ref where the call is in its source
 * @param method the HTTP method
 * @param scheme {@code http} or {@code https}
 * @param host the host, lower case (IPv6 in brackets)
 * @param port the effective port
 * @param path the raw (percent-encoded) path, redacted, starting with {@code /}
 * @param query the raw query, redacted, or null
 * @param route the server's route template, or null
 * @param requestHeaders lower-case name → redacted value
 * @param requestBody the request body
 * @param status the response status, 0 when there was none
 * @param responseMediaType the response media type (lower case, no parameters), or null
 * @param responseBody the response body
 * @param resourceType the browser's resource type, or null
 * @param credentials credentials the call carried
 */
public record Exchange(
    int order,
    SourceRef ref,
    HttpMethod method,
    String scheme,
    String host,
    int port,
    String path,
    String query,
    String route,
    Map<String, String> requestHeaders,
    Body requestBody,
    int status,
    String responseMediaType,
    Body responseBody,
    String resourceType,
    List<CredentialHint> credentials) {
  public Exchange {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    requestHeaders = java.util.Collections.unmodifiableMap(new TreeMap<>(requestHeaders));
    requestBody = requestBody == null ? Body.NONE : requestBody;
    responseBody = responseBody == null ? Body.NONE : responseBody;
    credentials = Lists.copy(credentials);
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default (as in an operation key). */
  public String authority() {
    boolean defaultPort = (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  public boolean succeeded() {
    return status >= 100 && status < 400;
  }

  public String header(String lowerName) {
    return requestHeaders.get(lowerName);
  }
}
