package dev.cask.maven.importers.traffic;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.capture.SourceRef;
import java.util.List;
import java.util.Objects;

/**
 * One observed call as an importer read it, before redaction: it lives only inside {@link ExchangeNormalizer#normalize}.
 *
 * @param order the input order of the call in its source (entry index, span ordinal)
 * @param ref where the call is in its source
 * @param method the HTTP method as written
 * @param url the absolute request URL
 * @param route the server's route template ({@code http.route}), or null
 * @param requestHeaders request headers in order (HTTP/2 pseudo headers included when the capture has them)
 * @param requestBody the request body
 * @param status the response status, 0 when there was no response (aborted, failed)
 * @param responseHeaders response headers
 * @param responseBody the response body
 * @param resourceType the browser's resource type (HAR {@code _resourceType}), lower case, or null
 */
public record RawExchange(
    int order,
    SourceRef ref,
    String method,
    String url,
    String route,
    List<NameValue> requestHeaders,
    RawBody requestBody,
    int status,
    List<NameValue> responseHeaders,
    RawBody responseBody,
    String resourceType) {
  public RawExchange {
    Objects.requireNonNull(ref, "ref");
    requestHeaders = Lists.copy(requestHeaders);
    responseHeaders = Lists.copy(responseHeaders);
    requestBody = requestBody == null ? RawBody.NONE : requestBody;
    responseBody = responseBody == null ? RawBody.NONE : responseBody;
  }
}
