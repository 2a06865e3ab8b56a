package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.browser.BrowserException;
import dev.cask.runtime.browser.WebMcpCalls;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.UpstreamResponse;
import java.nio.charset.StandardCharsets;

/**
 * Step 8 for a WebMCP tool: the browser opens the page and calls the tool (instead of {@link UpstreamStep}); its result
 * then goes through {@link ResponseStep} like any response, so it is redacted before the agent sees it. A result made
 * only of MCP text content is passed as its text; anything else as JSON.
 */
final class WebMcpStep implements PipelineStep {
  private static final System.Logger LOG = System.getLogger(WebMcpStep.class.getName());
  private static final int MAX_MESSAGE = 2000;

  private final WebMcpCalls browser;
  private final RequestDescription description;

  WebMcpStep(WebMcpCalls browser, RequestDescription description) {
    this.browser = browser;
    this.description = description;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (!WebMcpRequests.isWebMcp(context.tool.definition)) {
      return null;
    }
    if (browser == null) {
      return Outcomes.deny(ReasonCodes.BROWSER_UNAVAILABLE, "the server was started without --browser");
    }
    JsonNode result;
    try {
      result = browser.call(context.tool.definition, context.arguments);
    } catch (BrowserException e) {
      LOG.log(System.Logger.Level.WARNING, context.tool.definition.name() + ": browser: " + e.code());
      return switch (e.code()) {
        case "tool-missing" -> Outcomes.deny(ReasonCodes.WEBMCP_TOOL_MISSING,
            "the page did not register this tool; it may have changed since it was approved");
        case "tool-failed" -> Outcomes.deny(ReasonCodes.WEBMCP_TOOL_FAILED, "the page's tool failed: " + redacted(e.getMessage()));
        case "ssrf-blocked" -> Outcomes.deny(ReasonCodes.SSRF_BLOCKED, "the page's address is not allowed by the network guard");
        default -> Outcomes.deny(ReasonCodes.BROWSER_FAILED, "the browser could not run the tool (" + e.code() + ")");
      };
    }
    if (result.isObject() && result.path("isError").asBoolean(false)) {
      return Outcomes.deny(ReasonCodes.WEBMCP_TOOL_FAILED, "the page's tool reported an error: " + redacted(textOf(result)));
    }
    String text = textOf(result);
    byte[] body = text != null ? text.getBytes(StandardCharsets.UTF_8) : json(result);
    context.response = new UpstreamResponse(200, text != null ? "text/plain; charset=utf-8" : "application/json", null, body, 0);
    return null;
  }

  /** The text of an MCP result whose content is text only, else null. */
  private static String textOf(JsonNode result) {
    JsonNode content = result.path("content");
    if (!content.isArray() || content.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode item : content) {
      if (!"text".equals(item.path("type").asText()) || !item.path("text").isTextual()) {
        return null;
      }
      text.append(text.length() == 0 ? "" : "\n").append(item.path("text").asText());
    }
    return text.toString();
  }

  private String redacted(String message) {
    String text = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    try {
      return description.redactor().redactResponse("text/plain", text).text();
    } catch (RuntimeException e) {
      return "[message withheld: it could not be redacted]";
    }
  }

  private static byte[] json(JsonNode value) {
    try {
      return CaskMappers.json().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
