package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.RateLimits;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A reviewer sees a tier added to {@code rateLimits.localFallback}: it lets more calls through while Redis is down. */
class PolicyComparerTest {
  private static Policy policy(List<RiskTier> localFallback) {
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, List.of(),
        new RateLimits(new Limit(600, 60), new TreeMap<>(), null, localFallback));
  }

  @Test
  void aTierAddedToTheLocalFallbackRaisesTheLimitsAndOneRemovedTightensThem() {
    List<Change> widened = PolicyComparer.compare(policy(null), policy(List.of(RiskTier.READ)));
    assertThat(widened).extracting(Change::rule, Change::pointer, Change::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeRule.POLICY_LIMIT_RAISED,
            "/rateLimits/localFallback", "[] → [read]"));

    List<Change> tightened = PolicyComparer.compare(policy(List.of(RiskTier.READ, RiskTier.WRITE)), policy(List.of()));
    assertThat(tightened).extracting(Change::rule).containsExactly(ChangeRule.POLICY_TIGHTENED);

    assertThat(PolicyComparer.compare(policy(List.of(RiskTier.READ)), policy(List.of(RiskTier.READ)))).isEmpty();
    assertThat(PolicyComparer.compare(policy(null), policy(List.of()))).as("absent and empty mean the same").isEmpty();
  }
}
