package dev.cask.runtime.server.ratelimit;

import dev.cask.runtime.model.policy.Limit;
import java.util.Objects;

/**
 * One counter: {@code global}, {@code tier:<tier>}, {@code tool:<name>} or {@code budget:<rule id>}, with its limit.
 * Two keys with the same id share a window only if their limits are equal too (a changed limit is a new counter).
 */
public record LimitKey(String id, Limit limit) {
  public LimitKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(limit, "limit");
  }

  public static LimitKey global(Limit limit) {
    return new LimitKey("global", limit);
  }

  public static LimitKey tier(String tier, Limit limit) {
    return new LimitKey("tier:" + tier, limit);
  }

  public static LimitKey tool(String tool, Limit limit) {
    return new LimitKey("tool:" + tool, limit);
  }

  public static LimitKey budget(String ruleId, Limit limit) {
    return new LimitKey("budget:" + ruleId, limit);
  }

  public boolean isBudget() {
    return id.startsWith("budget:");
  }
}
