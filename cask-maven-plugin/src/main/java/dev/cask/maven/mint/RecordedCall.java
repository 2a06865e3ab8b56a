package dev.cask.maven.mint;

import java.util.List;
import java.util.Map;

/**
 * One network call the browser made, as the DevTools protocol reported it: raw, so it may hold secrets. It lives only
 * between the browser and {@link MintedHar}, which redacts it with the importer's rules before anything is written or
 * logged; {@link #toString} names no value.
 *
 * @param order the order in which the browser sent the request
 * @param startedMillis when it was sent (epoch milliseconds)
 * @param method the HTTP method
 * @param url the URL
 * @param requestHeaders request headers as sent (cookies included)
 * @param postData the request body, or null
 * @param status the response status, 0 when there was none (failed, blocked)
 * @param responseHeaders response headers
 * @param mimeType the response's media type, or null
 * @param body the response body when it was fetched (JSON and text only), else null
 * @param bodyBase64 whether {@code body} is base64
 * @param resourceType the browser's resource type, lower case ({@code document}, {@code fetch}, {@code websocket} ...)
 */
public record RecordedCall(
    long order,
    long startedMillis,
    String method,
    String url,
    List<Map.Entry<String, String>> requestHeaders,
    String postData,
    int status,
    List<Map.Entry<String, String>> responseHeaders,
    String mimeType,
    String body,
    boolean bodyBase64,
    String resourceType) {
  public RecordedCall {
    requestHeaders = List.copyOf(requestHeaders);
    responseHeaders = List.copyOf(responseHeaders);
  }

  @Override
  public String toString() {
    return "recorded call #" + order + " (" + method + ", status " + status + ")";
  }
}
