package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.RequestRejectedException;

/** Step 6: the upstream request from the tool's compiled template (path values encoded, styles applied, no credentials yet). */
final class RequestBuildStep implements PipelineStep {
  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (context.request != null) {
      return null; // built already for the confirmation summary: the same request is sent
    }
    try {
      context.request = context.tool.buildRequest(context.arguments);
    } catch (RequestRejectedException e) {
      return Outcomes.deny(ReasonCodes.REQUEST_INVALID, e.getMessage());
    }
    return null;
  }
}
