package dev.cask.runtime.model.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import java.util.Objects;

/**
 * One call traffic showed, kept as evidence after redaction so that {@code cask:verify} can replay it: the request a
 * tool must reproduce and the response a replay upstream answers with. Headers are never kept (credentials and
 * cookies live there); bodies only as redacted JSON or form fields.
 *
 * @param source where the call is in its source ({@code shop.har#entries/12}, {@code traces.otlp.json#span/<trace>/<span>})
 * @param request what was sent
 * @param response what came back
 */
public record RecordedExchange(SourceRef source, Request request, Response response) {
  public RecordedExchange {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
  }

  /**
   * @param method the HTTP method
   * @param url the absolute URL as sent, percent-encoded as observed, redacted, without fragment
   * @param mediaType the body's media type (lower case, no parameters), or null without body
   * @param body the redacted body: a JSON tree for JSON, an object of field → string (array when repeated) for a form;
   *     null when there was none or it is not kept (see {@code omitted})
   * @param omitted why a body that was there is not kept ({@code text}, {@code binary}, {@code multipart},
   *     {@code unreadable}, {@code too-large}), or null
   */
  public record Request(HttpMethod method, String url, String mediaType, JsonNode body, String omitted) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(url, "url");
      body = body == null ? null : body.deepCopy();
    }
  }

  /**
   * @param status the HTTP status
   * @param mediaType the body's media type (lower case, no parameters), or null without body
   * @param body the redacted JSON body, or null when there was none or it is not kept (see {@code omitted})
   * @param omitted why a body that was there is not kept, or null
   */
  public record Response(int status, String mediaType, JsonNode body, String omitted) {
    public Response {
      body = body == null ? null : body.deepCopy();
    }

    /** Whether the whole response is known: a status and either no body or the kept body. */
    public boolean complete() {
      return status > 0 && omitted == null && (body != null || mediaType == null);
    }
  }
}
