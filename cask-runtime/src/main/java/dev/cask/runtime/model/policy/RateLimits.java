package dev.cask.runtime.model.policy;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.SortedMap;

/**
 * Sliding-window rate limits enforced on every call, whatever rule allowed it.
 *
 * @param global one limit over all calls, or null for none
 * @param tiers risk tier name → limit per tier
 * @param tools tool name → limit per tool
 * @param localFallback the risk tiers whose calls keep running while the shared state store of replicas
 *     ({@code serve --state redis://...}) cannot be reached, their rate limits then counted by each replica alone; null
 *     (absent) or empty: every call that needs the store is denied meanwhile. Calls matched by a budget rule or sent to
 *     confirmation always need the store. Null stays null, so that policies without it keep their digest.
 */
public record RateLimits(
    Limit global, SortedMap<String, Limit> tiers, SortedMap<String, Limit> tools, List<RiskTier> localFallback) {
  public RateLimits {
    tiers = Lists.sortedCopy(tiers);
    tools = Lists.sortedCopy(tools);
    localFallback = localFallback == null ? null : List.copyOf(localFallback);
  }

  /** Limits without a fallback tier: every call that needs the shared store is denied while it is unreachable. */
  public RateLimits(Limit global, SortedMap<String, Limit> tiers, SortedMap<String, Limit> tools) {
    this(global, tiers, tools, null);
  }

  /** Whether calls of this tier may be counted by the replica alone while the shared store is unreachable. */
  public boolean fallsBackLocally(RiskTier tier) {
    return localFallback != null && localFallback.contains(tier);
  }
}
