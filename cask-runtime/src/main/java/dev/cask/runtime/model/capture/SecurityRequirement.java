package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.SortedMap;

/**
 * One way to authenticate an operation: every named scheme together (AND). An operation lists alternatives (OR).
 *
 * @param schemes security scheme name → the scopes required from it (empty for non-OAuth schemes)
 */
public record SecurityRequirement(SortedMap<String, List<String>> schemes) {
  public SecurityRequirement {
    SortedMap<String, List<String>> copy = new java.util.TreeMap<>();
    if (schemes != null) {
      schemes.forEach((name, scopes) -> copy.put(name, Lists.copy(scopes)));
    }
    schemes = Lists.sortedCopy(copy);
  }
}
