package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;

/** One step of the per-call pipeline: returns null to let the call go on, or the outcome that ends it. */
interface PipelineStep {
  ToolCallOutcome apply(CallContext context) throws Exception;
}
