package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.RecordedExchange;
import java.util.Locale;

/**
 * Turns a normalised (already redacted) call into the evidence {@code cask:verify} replays. Only what redaction let
 * through is kept, and of that no free text ({@link FreeText}): the URL, JSON and form bodies; never headers. A body
 * larger than {@link #MAX_BODY_BYTES} is replaced by the reason it is missing, so that a capture stays reviewable.
 */
final class RecordedExchanges {
  /** The largest body kept, as compact JSON. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private RecordedExchanges() {}

  static RecordedExchange of(Exchange exchange) {
    String url = exchange.scheme() + "://" + exchange.authority() + exchange.path()
        + (exchange.query() == null ? "" : "?" + FreeText.scrubQuery(exchange.query()));
    Body sent = exchange.requestBody();
    Body received = exchange.responseBody();
    return new RecordedExchange(
        exchange.ref(),
        new RecordedExchange.Request(exchange.method(), url, sent.mediaType(), kept(sent), omitted(sent)),
        new RecordedExchange.Response(exchange.status(), received.mediaType(), kept(received), omitted(received)));
  }

  /**
   * A GraphQL call as its operation's tool makes it: POST to the endpoint with {@code {"query", "operationName",
   * "variables"}}, the query being the normalised document this call ran (which the tool pins, so replay shows whether
   * it is the same) and the variables as redacted and scrubbed like any body; the response is this operation's part.
   *
   * @param folded the call folded to its operation ({@code GraphQlTraffic}): its body is the variables
   */
  static RecordedExchange graphql(Exchange folded, String document, String operationName) {
    Body variables = folded.requestBody();
    Body received = folded.responseBody();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", document);
    if (operationName != null) {
      body.put("operationName", operationName);
    }
    body.set("variables", FreeText.scrub(variables.value(), null));
    String url = folded.scheme() + "://" + folded.authority() + folded.path();
    return new RecordedExchange(
        folded.ref(),
        new RecordedExchange.Request(folded.method(), url, variables.mediaType(), tooLarge(body) ? null : body,
            tooLarge(body) ? "too-large" : null),
        new RecordedExchange.Response(folded.status(), received.mediaType(), kept(received), omitted(received)));
  }

  private static JsonNode kept(Body body) {
    return omitted(body) == null ? FreeText.scrub(body.value(), null) : null;
  }

  private static String omitted(Body body) {
    return switch (body.kind()) {
      case NONE -> null;
      case JSON, FORM -> body.value() == null ? "unreadable" : tooLarge(body.value()) ? "too-large" : null;
      default -> body.kind().name().toLowerCase(Locale.ROOT);
    };
  }

  private static boolean tooLarge(JsonNode value) {
    try {
      return CaskMappers.json().writeValueAsBytes(value).length > MAX_BODY_BYTES;
    } catch (JsonProcessingException e) {
      return true;
    }
  }
}
