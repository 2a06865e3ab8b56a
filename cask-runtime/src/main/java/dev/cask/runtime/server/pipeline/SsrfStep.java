package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.upstream.AddressGuard;
import dev.cask.runtime.server.upstream.SsrfBlockedException;
import dev.cask.runtime.server.upstream.UpstreamClient;

/**
 * Step 7, the part of the SSRF guard that needs no DNS: scheme, host among the toolpack's hosts, host syntax, metadata
 * names and IP literals. Names are resolved and their addresses vetted when the connection is made (step 8), once.
 */
final class SsrfStep implements PipelineStep {
  private static final System.Logger LOG = System.getLogger(SsrfStep.class.getName());

  private final UpstreamClient client;
  private final AddressGuard guard;

  SsrfStep(UpstreamClient client, AddressGuard guard) {
    this.client = client;
    this.guard = guard;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    try {
      client.checkTarget(context.request, guard);
    } catch (SsrfBlockedException e) {
      LOG.log(System.Logger.Level.WARNING, "blocked " + context.tool.definition.name() + ": " + e.getMessage());
      return Outcomes.deny(ReasonCodes.SSRF_BLOCKED, "the upstream target is not allowed by the network guard");
    }
    return null;
  }
}
