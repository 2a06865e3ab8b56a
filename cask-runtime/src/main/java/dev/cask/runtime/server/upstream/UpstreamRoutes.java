package dev.cask.runtime.server.upstream;

import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.Map;

/**
 * Sends a tool's requests to another base URL than the one in its definition: {@code cask:verify} routes tools to its
 * replay upstream on loopback, or to a staging server. {@code serve} never routes ({@link #NONE}): an approved tool
 * calls exactly the base URL it was approved with. Only request building sees the route; the tool itself, its digest
 * and the integrity check are untouched, and the routed host is what the host allowlist, the SSRF guard and the
 * operator's credentials apply to.
 *
 * @param baseUrls a tool's base URL → the base URL its requests go to instead
 */
public record UpstreamRoutes(Map<String, String> baseUrls) {
  public static final UpstreamRoutes NONE = new UpstreamRoutes(Map.of());

  public UpstreamRoutes {
    baseUrls = Map.copyOf(baseUrls);
  }

  /** The definition requests are built from: the tool's own, or a copy with the routed base URL. */
  public ToolDefinition apply(ToolDefinition tool) {
    String target = baseUrls.get(tool.baseUrl());
    if (target == null) {
      return tool;
    }
    return new ToolDefinition(tool.name(), tool.description(), tool.method(), target, tool.path(), tool.inputSchema(),
        tool.outputSchema(), tool.risk(), tool.annotations(), tool.binding(), tool.security(), tool.deprecated());
  }
}
