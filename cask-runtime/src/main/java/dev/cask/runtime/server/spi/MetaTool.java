package dev.cask.runtime.server.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.List;

/**
 * A tool the server answers itself, never by a request to an upstream: {@code cask_propose} ({@code serve
 * --proposals}) and the tools of the read-only {@code inspect} server. It is listed next to (or instead of) the
 * toolpack's tools and answered by the pipeline's {@code MetaTools}, which audits it like every other call when it
 * runs beside the pipeline. Implementations are thread-safe and never throw for a bad request: it is an outcome.
 */
public interface MetaTool {
  /** How the tool is listed (only name, title, description, schemas and annotations are used). */
  ToolDefinition definition();

  /** Answers a call with the arguments exactly as the agent sent them. */
  ToolCallOutcome call(String sessionId, JsonNode arguments);

  /**
   * A definition for listing a meta tool. The upstream fields a {@link ToolDefinition} needs are fixed placeholders
   * ({@code https://cask.invalid}, a reserved name that never resolves): nothing ever builds a request from them.
   */
  static ToolDefinition listing(String name, String title, String description, JsonNode inputSchema, boolean readOnly) {
    return new ToolDefinition(name, description, HttpMethod.POST, "https://cask.invalid", "/" + name, inputSchema, null,
        new Risk(readOnly ? RiskTier.READ : RiskTier.WRITE, List.of("answered by the Cask server itself")),
        new ToolAnnotations(title, readOnly, false, true, false), new RequestBinding(List.of(), null), List.of(), false);
  }
}
