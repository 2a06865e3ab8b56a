package dev.cask.runtime.server.pipeline;

/**
 * The redaction the pipeline applies to everything an agent or a person sees of a request or response: upstream
 * response bodies, dry-run output, confirmation summaries and audit details.
 *
 * <p>The rules belong to the shared redaction engine ({@code dev.cask.runtime.redact}), the one rule set used for
 * captures and at run time; {@link SharedRedaction} adapts it and is the default. This interface is only the seam (tests
 * plug in engines that fail). Implementations must be thread-safe and fail by throwing (the call is then denied with
 * {@code redaction_failed}), never by returning the input unredacted.
 */
public interface OutputRedactor {
  /**
   * A body with secrets, tokens and personal data replaced.
   *
   * @param mediaType the body's media type (may be null)
   * @param body the body as UTF-8 text
   */
  String redactBody(String mediaType, String body);

  /** A single named value (query parameter, header, form field): the value itself, or its replacement. */
  String redactValue(String name, String value);

  /**
   * An upstream response body, redacted: the text the agent reads and, when the body was redacted as a JSON tree, that
   * tree (so the response step does not parse the body again for structured content).
   */
  default RedactedBody redactResponse(String mediaType, String body) {
    return new RedactedBody(redactBody(mediaType, body), null);
  }

  /**
   * @param text the redacted body
   * @param json the same redacted content as a JSON tree, or null when it was not redacted as JSON
   */
  record RedactedBody(String text, com.fasterxml.jackson.databind.JsonNode json) {}
}
