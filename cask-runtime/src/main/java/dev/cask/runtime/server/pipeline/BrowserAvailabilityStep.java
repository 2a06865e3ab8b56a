package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.browser.WebMcpCalls;
import dev.cask.runtime.server.spi.ToolCallOutcome;

/**
 * Right after integrity: a WebMCP tool needs the browser ({@code serve --browser}). Without it the tool is approved but
 * unavailable, and the agent is told so (audited), rather than the tool vanishing.
 */
final class BrowserAvailabilityStep implements PipelineStep {
  private final WebMcpCalls browser;

  BrowserAvailabilityStep(WebMcpCalls browser) {
    this.browser = browser;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (browser == null && WebMcpRequests.isWebMcp(context.tool.definition)) {
      return Outcomes.deny(ReasonCodes.BROWSER_UNAVAILABLE,
          "this WebMCP tool runs in a browser, and the server was started without --browser; ask the operator");
    }
    return null;
  }
}
