package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.ToolPolicy;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.schema.BodyObjects;
import dev.cask.runtime.schema.CompiledSchema;
import dev.cask.runtime.schema.JsonSchemas;
import dev.cask.runtime.server.ratelimit.LimitKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.upstream.RequestTemplate;
import dev.cask.runtime.server.upstream.UpstreamRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * One approved tool with everything a call needs precomputed at start-up: pinned digest, policy rules that can apply,
 * request template and rate-limit counters. JSON Schemas are compiled on first use (a toolpack of a thousand tools
 * starts without compiling a thousand schemas), then kept.
 */
final class ServedTool {
  final Tool tool;
  final ToolDefinition definition;
  final String pinnedDigest;
  final ToolPolicy policy;
  /** The compiled request, or null for a WebMCP tool. */
  final RequestTemplate template;
  final List<LimitKey> limits;
  /** Whether the policy lets this tool's tier be counted by this replica alone while the shared store is unreachable. */
  final boolean localFallback;
  private volatile CompiledSchema inputSchema;
  private volatile CompiledSchema outputSchema;

  ServedTool(Tool tool, String pinnedDigest, ToolPolicy policy, RequestTemplate template, RateLimits rateLimits) {
    this.tool = tool;
    this.definition = tool.definition();
    this.pinnedDigest = pinnedDigest;
    this.policy = policy;
    this.template = template;
    this.limits = limits(definition, rateLimits);
    this.localFallback = rateLimits != null && rateLimits.fallsBackLocally(definition.risk().tier());
  }

  /** The request these (validated) arguments make; a WebMCP tool has no template (its page is called in a browser). */
  UpstreamRequest buildRequest(ObjectNode arguments) {
    return template != null ? template.build(arguments) : WebMcpRequests.build(definition, arguments);
  }

  /**
   * The approved input schema with the request body's objects closed ({@link BodyObjects}): a property the approved
   * schema does not name is refused unless the source explicitly allowed other properties there. Toolpacks compiled
   * with this rule carry it already (closing is idempotent); older ones get it here, so no undeclared body property
   * is ever forwarded.
   */
  CompiledSchema inputSchema() {
    CompiledSchema schema = inputSchema;
    if (schema == null) {
      BodyBinding body = definition.binding().body();
      JsonNode closed = BodyObjects.close(definition.inputSchema(), body == null ? null : body.argument()).schema();
      if (definition.binding().graphql() != null) {
        // A GraphQL tool's arguments are its variables: each is closed as a request body is.
        for (String variable : definition.binding().graphql().variables()) {
          closed = BodyObjects.close(closed, variable).schema();
        }
      }
      schema = JsonSchemas.compile(closed);
      inputSchema = schema;
    }
    return schema;
  }

  /** The output schema, or null when the tool declares none. */
  CompiledSchema outputSchema() {
    if (definition.outputSchema() == null) {
      return null;
    }
    CompiledSchema schema = outputSchema;
    if (schema == null) {
      schema = JsonSchemas.compile(definition.outputSchema());
      outputSchema = schema;
    }
    return schema;
  }

  private static List<LimitKey> limits(ToolDefinition definition, RateLimits rateLimits) {
    if (rateLimits == null) {
      return List.of();
    }
    List<LimitKey> keys = new ArrayList<>(3);
    if (rateLimits.global() != null) {
      keys.add(LimitKey.global(rateLimits.global()));
    }
    String tier = definition.risk().tier().wireName();
    Limit tierLimit = rateLimits.tiers().get(tier);
    if (tierLimit != null) {
      keys.add(LimitKey.tier(tier, tierLimit));
    }
    Limit toolLimit = rateLimits.tools().get(definition.name());
    if (toolLimit != null) {
      keys.add(LimitKey.tool(definition.name(), toolLimit));
    }
    return List.copyOf(keys);
  }
}
