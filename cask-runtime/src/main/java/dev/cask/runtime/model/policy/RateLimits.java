package dev.cask.runtime.model.policy;

import dev.cask.runtime.model.Lists;
import java.util.SortedMap;

/**
 * Sliding-window rate limits enforced on every call, whatever rule allowed it.
 *
 * @param global one limit over all calls, or null for none
 * @param tiers risk tier name → limit per tier
 * @param tools tool name → limit per tool
 */
public record RateLimits(Limit global, SortedMap<String, Limit> tiers, SortedMap<String, Limit> tools) {
  public RateLimits {
    tiers = Lists.sortedCopy(tiers);
    tools = Lists.sortedCopy(tools);
  }
}
