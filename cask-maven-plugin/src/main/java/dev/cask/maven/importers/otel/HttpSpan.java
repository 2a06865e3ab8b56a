package dev.cask.maven.importers.otel;

import dev.cask.maven.importers.traffic.NameValue;
import java.util.List;

/**
 * The HTTP facts of one span, read from its attributes (raw: may hold secrets until the collector redacts them).
 *
 * @param order the span's ordinal in the file
 * @param traceId the trace id (lower-case hex)
 * @param spanId the span id (lower-case hex)
 * @param parentSpanId the parent span id, or empty
 * @param kind {@code client}, {@code server} or {@code other}
 */
record HttpSpan(
    int order,
    String traceId,
    String spanId,
    String parentSpanId,
    String kind,
    String method,
    String url,
    String route,
    int status,
    List<NameValue> requestHeaders,
    List<NameValue> responseHeaders,
    String requestBody,
    String responseBody) {

  String locator() {
    return "span/" + traceId + "/" + spanId;
  }
}
