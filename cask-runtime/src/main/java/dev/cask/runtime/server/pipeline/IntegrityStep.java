package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.util.Map;

/**
 * Step 1: the tool exists among the approved tools and its digest still equals the lockfile's pin. Both digests were
 * computed once at start-up; this is a string comparison, not a re-serialization.
 */
final class IntegrityStep implements PipelineStep {
  private final Map<String, ServedTool> tools;

  IntegrityStep(Map<String, ServedTool> tools) {
    this.tools = tools;
  }

  @Override
  public ToolCallOutcome apply(CallContext context) {
    ServedTool tool = tools.get(context.call.tool());
    if (tool == null) {
      return Outcomes.deny(ReasonCodes.UNKNOWN_TOOL,
          "there is no tool named '" + Texts.printable(context.call.tool()) + "'; list the tools to see which exist");
    }
    if (!tool.tool.digest().equals(tool.pinnedDigest)) {
      return Outcomes.deny(ReasonCodes.INTEGRITY_MISMATCH,
          "the tool '" + tool.definition.name() + "' does not match the digest approved in the lockfile");
    }
    context.tool = tool;
    return null;
  }
}
