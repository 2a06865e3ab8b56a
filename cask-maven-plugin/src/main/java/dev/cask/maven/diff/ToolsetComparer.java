package dev.cask.maven.diff;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.Toolset;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tools entered or left which toolset ({@code toolsets.yaml}) between the baseline and the current toolpack: a
 * tool joining {@code readonly} changes what an operator's {@code serve --toolset readonly} serves, so a reviewer sees it
 * like any other change. Compared only when both sides have toolsets (a baseline compiled before toolsets existed would
 * report every membership of every tool).
 */
final class ToolsetComparer {
  private ToolsetComparer() {}

  static List<Change> compare(ToolpackSnapshot baseline, ToolpackSnapshot current) {
    Toolsets before = baseline.toolsets();
    Toolsets after = current.toolsets();
    List<Change> changes = new ArrayList<>();
    if (before == null || after == null) {
      return changes;
    }
    Map<String, RiskTier> tiers = new HashMap<>();
    for (Tool tool : current.tools().tools()) {
      tiers.put(tool.name(), tool.definition().risk().tier());
    }
    Set<String> names = new TreeSet<>(before.toolsets().keySet());
    names.addAll(after.toolsets().keySet());
    for (String name : names) {
      Set<String> old = members(before.toolset(name).orElse(null));
      Set<String> now = members(after.toolset(name).orElse(null));
      for (String tool : now) {
        if (!old.contains(tool)) {
          RiskTier tier = tiers.get(tool);
          changes.add(Change.of(ChangeRule.TOOLSET_TOOL_ADDED, "/toolsets/" + name + "/tools/" + tool, name,
                  tool + " (" + (tier == null ? "?" : tier.wireName()) + ") enters toolset " + name
                      + (before.toolset(name).isEmpty() ? " (a new toolset)" : ""))
              .withSeverity(severity(tier)));
        }
      }
      for (String tool : old) {
        if (!now.contains(tool)) {
          changes.add(Change.of(ChangeRule.TOOLSET_TOOL_REMOVED, "/toolsets/" + name + "/tools/" + tool, name,
              tool + " leaves toolset " + name + (after.toolset(name).isEmpty() ? " (the toolset is gone)" : "")));
        }
      }
    }
    return changes;
  }

  private static Set<String> members(Toolset set) {
    return set == null ? Set.of() : new TreeSet<>(set.tools());
  }

  private static Severity severity(RiskTier tier) {
    if (tier == null) {
      return Severity.MEDIUM;
    }
    return switch (tier) {
      case READ -> Severity.LOW;
      case WRITE -> Severity.MEDIUM;
      case DESTRUCTIVE, SENSITIVE -> Severity.HIGH;
    };
  }
}
