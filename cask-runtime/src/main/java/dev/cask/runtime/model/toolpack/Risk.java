package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.Objects;

/**
 * A tool's risk tier and every reason that led to it, so a reviewer can check the classification.
 *
 * @param tier the tier
 * @param reasons human-readable reasons, e.g. {@code method DELETE}, {@code path word 'admin'}, {@code body field 'password'}
 */
public record Risk(RiskTier tier, List<String> reasons) {
  public Risk {
    Objects.requireNonNull(tier, "tier");
    reasons = Lists.copy(reasons);
  }
}
