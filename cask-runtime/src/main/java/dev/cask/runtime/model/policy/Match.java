package dev.cask.runtime.model.policy;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;

/**
 * Which calls a rule applies to. Every non-empty criterion must hold (AND); within a list any value may match (OR); an
 * empty list matches everything.
 *
 * @param tools tool names; a trailing {@code *} matches a prefix
 * @param risk risk tiers
 * @param methods HTTP methods
 * @param hosts upstream hosts ({@code host} or {@code host:port})
 * @param paths full path templates on the host; placeholders compare by position ({@code /users/{id}} matches
 *     {@code /users/{userId}}); a trailing {@code *} matches a prefix
 * @param arguments conditions on argument values, all of which must hold
 */
public record Match(
    List<String> tools,
    List<RiskTier> risk,
    List<HttpMethod> methods,
    List<String> hosts,
    List<String> paths,
    List<ArgumentCondition> arguments) {
  public Match {
    tools = Lists.copy(tools);
    risk = Lists.copy(risk);
    methods = Lists.copy(methods);
    hosts = Lists.copy(hosts);
    paths = Lists.copy(paths);
    arguments = Lists.copy(arguments);
  }

  public static Match any() {
    return new Match(null, null, null, null, null, null);
  }

  public static Match risk(RiskTier... tiers) {
    return new Match(null, List.of(tiers), null, null, null, null);
  }
}
