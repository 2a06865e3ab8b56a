package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
