package dev.cask.maven.diff;

import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.policy.RateLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two policies rule by rule (by id). What matters is whether the runtime now lets more through: more allow,
 * less deny or confirm, a more permissive default, higher or removed limits.
 */
final class PolicyComparer {
  private PolicyComparer() {}

  static List<Change> compare(Policy before, Policy after) {
    List<Change> changes = new ArrayList<>();
    if (before.defaultEffect() != after.defaultEffect()) {
      int direction = strictness(after.defaultEffect()) - strictness(before.defaultEffect());
      changes.add(Change.of(direction < 0 ? ChangeRule.POLICY_ALLOW_WIDENED : ChangeRule.POLICY_TIGHTENED,
              "/defaultEffect", "defaultEffect", before.defaultEffect().wireName() + " → " + after.defaultEffect().wireName())
          .withValues(before.defaultEffect().wireName(), after.defaultEffect().wireName()));
    }
    Map<String, PolicyRule> old = byId(before);
    Map<String, PolicyRule> now = byId(after);
    TreeSet<String> ids = new TreeSet<>(old.keySet());
    ids.addAll(now.keySet());
    for (String id : ids) {
      PolicyRule was = old.get(id);
      PolicyRule is = now.get(id);
      String pointer = "/rules/" + SchemaComparer.escape(id);
      if (was == null) {
        changes.add(ruleChange(added(is.effect()), pointer, id, "added: " + describe(is), null, is));
      } else if (is == null) {
        changes.add(ruleChange(removed(was.effect()), pointer, id, "removed: " + describe(was), was, null));
      } else if (!ToolComparer.json(was).equals(ToolComparer.json(is))) {
        changes.add(ruleChange(changed(was, is), pointer, id, differences(was, is), was, is));
      }
    }
    compareLimits(before.rateLimits(), after.rateLimits(), changes);
    return changes;
  }

  private static ChangeRule added(Effect effect) {
    return switch (effect) {
      case ALLOW -> ChangeRule.POLICY_ALLOW_WIDENED;
      case DENY, CONFIRM, BUDGET -> ChangeRule.POLICY_TIGHTENED;
      case AUDIT -> ChangeRule.POLICY_RULE_CHANGED;
    };
  }

  private static ChangeRule removed(Effect effect) {
    return switch (effect) {
      case DENY, CONFIRM -> ChangeRule.POLICY_ALLOW_WIDENED;
      case BUDGET -> ChangeRule.POLICY_LIMIT_RAISED;
      case ALLOW -> ChangeRule.POLICY_TIGHTENED;
      case AUDIT -> ChangeRule.POLICY_RULE_CHANGED;
    };
  }

  private static ChangeRule changed(PolicyRule was, PolicyRule is) {
    boolean matchChanged = !ToolComparer.json(was.match()).equals(ToolComparer.json(is.match()));
    if (was.effect() != is.effect()) {
      if (is.effect() == Effect.ALLOW || strictness(is.effect()) < strictness(was.effect())) {
        return ChangeRule.POLICY_ALLOW_WIDENED;
      }
      return ChangeRule.POLICY_TIGHTENED;
    }
    if (is.effect() == Effect.ALLOW && (matchChanged || was.priority() != is.priority())) {
      return ChangeRule.POLICY_ALLOW_WIDENED; // an allow rule that matches differently or wins more often
    }
    if ((is.effect() == Effect.DENY || is.effect() == Effect.CONFIRM) && (matchChanged || was.priority() != is.priority())) {
      return ChangeRule.POLICY_ALLOW_WIDENED; // a deny that matches differently may no longer match what it did
    }
    if (is.effect() == Effect.BUDGET && !Objects.equals(was.limit(), is.limit())) {
      return looser(was.limit(), is.limit()) ? ChangeRule.POLICY_LIMIT_RAISED : ChangeRule.POLICY_TIGHTENED;
    }
    if (is.effect() == Effect.BUDGET && matchChanged) {
      return ChangeRule.POLICY_LIMIT_RAISED;
    }
    return ChangeRule.POLICY_RULE_CHANGED;
  }

  private static void compareLimits(RateLimits before, RateLimits after, List<Change> changes) {
    SortedMap<String, Limit> old = flatten(before);
    SortedMap<String, Limit> now = flatten(after);
    TreeSet<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      Limit was = old.get(key);
      Limit is = now.get(key);
      if (Objects.equals(was, is)) {
        continue;
      }
      ChangeRule rule = looser(was, is) ? ChangeRule.POLICY_LIMIT_RAISED : ChangeRule.POLICY_TIGHTENED;
      changes.add(Change.of(rule, "/rateLimits/" + key, "rateLimits." + key.replace('/', '.'), limit(was) + " → " + limit(is)));
    }
    // A tier that falls back to per-replica counters while the shared store is down lets more calls through then.
    TreeSet<String> oldFallback = fallback(before);
    TreeSet<String> newFallback = fallback(after);
    if (!oldFallback.equals(newFallback)) {
      ChangeRule rule = newFallback.containsAll(oldFallback) ? ChangeRule.POLICY_LIMIT_RAISED : ChangeRule.POLICY_TIGHTENED;
      changes.add(Change.of(rule, "/rateLimits/localFallback", "rateLimits.localFallback",
          oldFallback + " → " + newFallback));
    }
  }

  private static TreeSet<String> fallback(RateLimits limits) {
    TreeSet<String> tiers = new TreeSet<>();
    if (limits != null && limits.localFallback() != null) {
      limits.localFallback().forEach(tier -> tiers.add(tier.wireName()));
    }
    return tiers;
  }

  /** Whether {@code is} lets more calls through than {@code was}; no limit is the loosest. */
  private static boolean looser(Limit was, Limit is) {
    if (is == null) {
      return true;
    }
    if (was == null) {
      return false;
    }
    // compare calls per second without rounding: is.calls / is.window > was.calls / was.window
    return (long) is.calls() * was.windowSeconds() > (long) was.calls() * is.windowSeconds();
  }

  private static SortedMap<String, Limit> flatten(RateLimits limits) {
    SortedMap<String, Limit> flat = new TreeMap<>();
    if (limits == null) {
      return flat;
    }
    if (limits.global() != null) {
      flat.put("global", limits.global());
    }
    limits.tiers().forEach((tier, limit) -> flat.put("tiers/" + tier, limit));
    limits.tools().forEach((tool, limit) -> flat.put("tools/" + tool, limit));
    return flat;
  }

  /** deny 2, confirm 1, everything else 0: how much a terminal effect holds back. */
  private static int strictness(Effect effect) {
    return switch (effect) {
      case DENY -> 2;
      case CONFIRM -> 1;
      default -> 0;
    };
  }

  private static Map<String, PolicyRule> byId(Policy policy) {
    Map<String, PolicyRule> rules = new TreeMap<>();
    policy.rules().forEach(rule -> rules.put(rule.id(), rule));
    return rules;
  }

  private static Change ruleChange(ChangeRule rule, String pointer, String id, String detail, PolicyRule was, PolicyRule is) {
    return Change.of(rule, pointer, id, detail)
        .withValues(was == null ? null : ToolComparer.json(was), is == null ? null : ToolComparer.json(is));
  }

  private static String differences(PolicyRule was, PolicyRule is) {
    List<String> parts = new ArrayList<>();
    if (was.effect() != is.effect()) {
      parts.add("effect " + was.effect().wireName() + " → " + is.effect().wireName());
    }
    if (was.priority() != is.priority()) {
      parts.add("priority " + was.priority() + " → " + is.priority());
    }
    if (!ToolComparer.json(was.match()).equals(ToolComparer.json(is.match()))) {
      parts.add("match " + match(was.match()) + " → " + match(is.match()));
    }
    if (!Objects.equals(was.limit(), is.limit())) {
      parts.add("limit " + limit(was.limit()) + " → " + limit(is.limit()));
    }
    if (!Objects.equals(was.reason(), is.reason())) {
      parts.add("reason '" + was.reason() + "' → '" + is.reason() + "'");
    }
    return String.join("; ", parts);
  }

  private static String describe(PolicyRule rule) {
    return rule.effect().wireName() + (rule.limit() == null ? "" : " " + limit(rule.limit()))
        + " (priority " + rule.priority() + ") " + match(rule.match());
  }

  private static String match(Match match) {
    List<String> parts = new ArrayList<>();
    criterion(parts, "tools", match.tools());
    criterion(parts, "risk", match.risk().stream().map(RiskTier::wireName).toList());
    criterion(parts, "methods", match.methods().stream().map(Enum::name).toList());
    criterion(parts, "hosts", match.hosts());
    criterion(parts, "paths", match.paths());
    criterion(parts, "arguments", match.arguments().stream().map(ToolComparer::json).toList());
    return parts.isEmpty() ? "for every call" : "where " + String.join(" and ", parts);
  }

  private static void criterion(List<String> parts, String name, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(name + " " + String.join("|", values));
    }
  }

  private static String limit(Limit limit) {
    return limit == null ? "no limit" : limit.calls() + " calls/" + limit.windowSeconds() + "s";
  }
}
