package dev.cask.runtime.server.spi;

import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.List;

/**
 * What a transport needs from the governed core: the tools an agent may see, and one entry point for every call. The
 * implementation (the enforcement pipeline) can only be built from a verified toolpack, so a transport can never serve
 * anything unverified. Implementations are thread-safe.
 */
public interface GovernedTools {
  /** The approved tools of the verified toolpack, in name order; nothing else exists for the agent. */
  List<ToolDefinition> listTools();

  /** Runs the whole per-call pipeline; never throws (any failure is a {@code DENY} with {@code error_internal}). */
  ToolCallOutcome call(ToolCall call);
}
