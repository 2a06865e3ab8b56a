package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.UpstreamClient;
import dev.cask.runtime.server.upstream.UpstreamException;

/**
 * Step 8: send the request. The client resolves the host once, vets every address, connects only to vetted addresses,
 * applies connect, read and total timeouts, and cuts the call off past the maximum response size.
 */
final class UpstreamStep implements PipelineStep {
  private static final System.Logger LOG = System.getLogger(UpstreamStep.class.getName());

  private final UpstreamClient client;

  UpstreamStep(UpstreamClient client) {
    this.client = client;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    if (context.response != null) {
      return null; // answered already (a WebMCP tool, in the browser)
    }
    try {
      context.response = client.execute(context.request);
      return null;
    } catch (UpstreamException e) {
      LOG.log(System.Logger.Level.WARNING, context.tool.definition.name() + ": " + e.reasonCode() + ": " + e.getMessage());
      String detail = switch (e.reasonCode()) {
        case "ssrf_blocked" -> "the upstream address is not allowed by the network guard";
        case "redirect_blocked" -> "the upstream redirected to a target that is not allowed";
        case "upstream_timeout" -> "the upstream did not answer in time";
        case "upstream_response_too_large" -> "the upstream response is larger than the allowed maximum";
        case "upstream_unreachable" -> "the upstream cannot be reached";
        default -> "the upstream call failed";
      };
      return Outcomes.deny(e.reasonCode(), detail);
    }
  }
}
