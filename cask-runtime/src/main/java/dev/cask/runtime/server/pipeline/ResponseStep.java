package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.schema.CompiledSchema;
import dev.cask.runtime.schema.StructuredOutput;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.UpstreamResponse;
import java.util.List;
import java.util.Locale;

/**
 * Step 8, second half: redact the response before the agent sees any of it, then shape the result. Only status,
 * media type and the redacted body pass; upstream headers (cookies, tokens) never do. For a tool with an output schema,
 * the redacted JSON body becomes structured content shaped by {@link StructuredOutput} (the body itself, or
 * {@code {"result": body}} for a tool that wraps its output), so redaction applies there too. Structured content always
 * matches the advertised schema: a body that is not JSON or does not match is an error result that says why, as MCP
 * requires.
 */
final class ResponseStep implements PipelineStep {
  private final RequestDescription description;

  ResponseStep(RequestDescription description) {
    this.description = description;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) throws Exception {
    UpstreamResponse response = context.response;
    int status = response.status();
    String body;
    JsonNode redactedJson = null;
    try {
      String text = response.body().length == 0 ? "" : RequestDescription.utf8(response.body());
      if (text == null) {
        body = "[" + response.body().length + " bytes of binary " + response.contentType() + " omitted]";
      } else {
        OutputRedactor.RedactedBody redacted = description.redactor().redactResponse(response.contentType(), text);
        body = redacted.text();
        redactedJson = redacted.json();
      }
    } catch (RuntimeException e) {
      return Outcomes.deny(ReasonCodes.REDACTION_FAILED, "the response could not be redacted, so it is withheld");
    }
    if (status >= 300 && status < 400) {
      String location = response.location() == null ? "" : " to " + description.redactor().redactValue("Location", response.location());
      return result(ReasonCodes.UPSTREAM_REDIRECT, true, status,
          "The upstream answered HTTP " + status + " (redirect" + location + "); redirects are not followed.", null);
    }
    if (status < 200 || status >= 300) {
      return result(ReasonCodes.UPSTREAM_ERROR, true, status, "The upstream answered HTTP " + status + ":\n" + body, null);
    }
    CompiledSchema outputSchema = context.tool.outputSchema();
    if (outputSchema == null) {
      return result(ReasonCodes.OK, false, status, body, null);
    }
    // A tool with an output schema must answer with structured content that matches it: MCP clients refuse a
    // successful result without it, or with content that does not validate.
    JsonNode parsed = isJson(response.contentType()) ? redactedJson : null;
    if (parsed == null && isJson(response.contentType())) {
      parsed = parse(body);
    }
    if (parsed == null) {
      return result(ReasonCodes.OUTPUT_SCHEMA_MISMATCH, true, status,
          "The upstream answered HTTP " + status + " without the JSON body the tool's output schema describes ("
              + (response.contentType() == null ? "no content type" : Texts.printable(response.contentType())) + "):\n"
              + body, null);
    }
    JsonNode structured = StructuredOutput.content(context.tool.definition, parsed);
    List<String> problems = outputSchema.validate(structured);
    if (!problems.isEmpty()) {
      return result(ReasonCodes.OUTPUT_SCHEMA_MISMATCH, true, status,
          "The upstream response does not match the tool's output schema (" + problems.get(0) + "):\n" + body, null);
    }
    return result(ReasonCodes.OK, false, status, body, structured);
  }

  /** The body as JSON, or null when it is not JSON (or empty). */
  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return CaskMappers.json().readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static ToolCallOutcome result(String reason, boolean error, int status, String text, JsonNode structured) {
    return new ToolCallOutcome(Decision.ALLOW, reason, text, structured, error, null,
        Outcomes.meta(reason).put("upstream_status", status));
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }
}
