package dev.cask.maven.compile;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import java.util.List;
import java.util.TreeMap;

/**
 * The policy every new toolpack starts with: default deny; read tools allowed; writes need a person's confirmation;
 * destructive and sensitive tools denied until a person edits the policy; hourly budgets and per-minute rate limits
 * per tier.
 */
final class DefaultPolicy {
  private DefaultPolicy() {}

  static Policy create() {
    List<PolicyRule> rules =
        List.of(
            new PolicyRule("budget-read", 200, Effect.BUDGET, Match.risk(RiskTier.READ), new Limit(1000, 3600),
                "at most 1000 read calls per hour"),
            new PolicyRule("budget-write", 200, Effect.BUDGET, Match.risk(RiskTier.WRITE), new Limit(100, 3600),
                "at most 100 write calls per hour"),
            new PolicyRule("allow-read", 100, Effect.ALLOW, Match.risk(RiskTier.READ), null,
                "read-only tools run without confirmation"),
            new PolicyRule("confirm-write", 100, Effect.CONFIRM, Match.risk(RiskTier.WRITE), null,
                "a person confirms every write"),
            new PolicyRule("deny-destructive", 100, Effect.DENY, Match.risk(RiskTier.DESTRUCTIVE), null,
                "destructive tools are denied until a person edits policy.yaml"),
            new PolicyRule("deny-sensitive", 100, Effect.DENY, Match.risk(RiskTier.SENSITIVE), null,
                "sensitive tools are denied until a person edits policy.yaml"));
    TreeMap<String, Limit> tiers = new TreeMap<>();
    tiers.put(RiskTier.READ.wireName(), new Limit(120, 60));
    tiers.put(RiskTier.WRITE.wireName(), new Limit(30, 60));
    tiers.put(RiskTier.DESTRUCTIVE.wireName(), new Limit(10, 60));
    tiers.put(RiskTier.SENSITIVE.wireName(), new Limit(10, 60));
    return new Policy(Policy.FORMAT_VERSION, Effect.DENY, rules, new RateLimits(new Limit(600, 60), tiers, null));
  }
}
