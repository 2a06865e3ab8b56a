package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.OperationKey;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One API operation, as a spec declares it or as traffic showed it.
 *
 * @param method the HTTP method
 * @param baseUrl absolute server URL including its base path, without a trailing slash ({@code https://api.example.com/v1})
 * @param path the path template below the base URL ({@code /users/{userId}})
 * @param operationId the spec's operationId, or null
 * @param summary short summary, or null
 * @param description long description, or null
 * @param tags the spec's tags
 * @param deprecated whether the operation is deprecated
 * @param parameters path, query, header and cookie parameters (operation-level overrides already applied)
 * @param requestBody the request body, or null
 * @param responses documented or observed responses, sorted by status
 * @param security the effective security requirements (alternatives); empty means no authentication
 * @param origin where the operation was declared or first seen
 * @param evidence what traffic showed, or null for an operation known only from a spec
 * @param graphql for a GraphQL operation seen in traffic: its fixed document; null (absent) otherwise
 * @param hints the tool annotations the source itself declares (WebMCP), or null (absent from {@code capture.json})
 */
public record CapturedOperation(
    HttpMethod method,
    String baseUrl,
    String path,
    String operationId,
    String summary,
    String description,
    List<String> tags,
    boolean deprecated,
    List<Parameter> parameters,
    RequestBody requestBody,
    List<Response> responses,
    List<SecurityRequirement> security,
    SourceRef origin,
    Evidence evidence,
    GraphQlOperation graphql,
    DeclaredHints hints) {

  public CapturedOperation {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("operation path must start with '/': " + path);
    }
    if (baseUrl.endsWith("/")) {
      throw new IllegalArgumentException("base URL must not end with '/': " + baseUrl);
    }
    URI uri = URI.create(baseUrl);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException("base URL must be absolute with a host: " + baseUrl);
    }
    tags = Lists.copy(tags);
    parameters = Lists.copy(parameters);
    responses = Lists.copy(responses);
    security = Lists.copy(security);
  }

  /** An HTTP operation: not a GraphQL operation, no tool annotations declared by its source. */
  public CapturedOperation(
      HttpMethod method,
      String baseUrl,
      String path,
      String operationId,
      String summary,
      String description,
      List<String> tags,
      boolean deprecated,
      List<Parameter> parameters,
      RequestBody requestBody,
      List<Response> responses,
      List<SecurityRequirement> security,
      SourceRef origin,
      Evidence evidence) {
    this(method, baseUrl, path, operationId, summary, description, tags, deprecated, parameters, requestBody, responses,
        security, origin, evidence, null, null);
  }

  /** A GraphQL operation seen in traffic (its source declares no tool annotations). */
  public CapturedOperation(
      HttpMethod method,
      String baseUrl,
      String path,
      String operationId,
      String summary,
      String description,
      List<String> tags,
      boolean deprecated,
      List<Parameter> parameters,
      RequestBody requestBody,
      List<Response> responses,
      List<SecurityRequirement> security,
      SourceRef origin,
      Evidence evidence,
      GraphQlOperation graphql) {
    this(method, baseUrl, path, operationId, summary, description, tags, deprecated, parameters, requestBody, responses,
        security, origin, evidence, graphql, null);
  }

  /** An operation whose source declares tool annotations (WebMCP). */
  public CapturedOperation(
      HttpMethod method,
      String baseUrl,
      String path,
      String operationId,
      String summary,
      String description,
      List<String> tags,
      boolean deprecated,
      List<Parameter> parameters,
      RequestBody requestBody,
      List<Response> responses,
      List<SecurityRequirement> security,
      SourceRef origin,
      Evidence evidence,
      DeclaredHints hints) {
    this(method, baseUrl, path, operationId, summary, description, tags, deprecated, parameters, requestBody, responses,
        security, origin, evidence, null, hints);
  }

  /** The operation's identity: method, host and full path on the host. */
  public OperationKey key() {
    return new OperationKey(method, hostOf(baseUrl), basePathOf(baseUrl) + path);
  }

  /** {@code host} or {@code host:port} when the port is not the scheme's default. */
  public static String hostOf(String baseUrl) {
    URI uri = URI.create(baseUrl);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
            || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  static String basePathOf(String baseUrl) {
    String rawPath = URI.create(baseUrl).getRawPath();
    return rawPath == null ? "" : rawPath;
  }
}
