package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The pipeline's redaction, done by the shared engine ({@link Redactor}, the same rules the importers apply to
 * captured traffic): JSON bodies are redacted as trees (credentials by key at any depth, personal data by value), form
 * bodies per field, anything else as text; named values (query parameters, headers) by name first, then by value.
 */
public final class SharedRedaction implements OutputRedactor {
  private final Redactor engine;

  public SharedRedaction(Redactor engine) {
    this.engine = engine;
  }

  /** The shared engine with its default rules. */
  public static SharedRedaction defaults() {
    return new SharedRedaction(Redactor.withDefaults());
  }

  @Override
  public String redactBody(String mediaType, String body) {
    return redactResponse(mediaType, body).text();
  }

  /**
   * JSON is parsed strictly (a body with duplicate keys or trailing content is redacted as text instead) and redacted
   * as a tree. When the engine removed nothing, the tree is the body's own content, so the body's text is returned as
   * it is instead of being written again.
   */
  @Override
  public RedactedBody redactResponse(String mediaType, String body) {
    if (body.isEmpty()) {
      return new RedactedBody(body, null);
    }
    String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
    RedactionLog log = new RedactionLog();
    if (type.contains("json")) {
      JsonNode tree;
      try {
        tree = CaskMappers.json().readTree(body);
      } catch (IOException e) {
        tree = null; // not well-formed JSON: redact it as text
      }
      if (tree != null) {
        JsonNode redacted = engine.json(tree, "body", log);
        if (log.total() == 0) {
          return new RedactedBody(body, redacted);
        }
        try {
          return new RedactedBody(CaskMappers.json().writeValueAsString(redacted), redacted);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the redacted body", e);
        }
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return new RedactedBody(engine.form(body, "body", log), null);
    }
    return new RedactedBody(engine.text(body, "body", log), null);
  }

  @Override
  public String redactValue(String name, String value) {
    return engine.header(name, value, "value", new RedactionLog());
  }
}
