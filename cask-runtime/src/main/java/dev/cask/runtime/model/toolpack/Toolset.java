package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One named subset of a toolpack's tools, as the compiler resolved it: the tool names are listed, so the runtime never
 * evaluates a rule and a reviewer sees exactly which tools a set holds.
 *
 * @param description what the set is for (generated for the default and per-tag sets, the project's own otherwise)
 * @param tools the tool names, sorted, each once
 */
public record Toolset(String description, List<String> tools) {
  public Toolset {
    Objects.requireNonNull(description, "description");
    List<String> given = Lists.copy(tools);
    TreeSet<String> sorted = new TreeSet<>(given);
    if (sorted.size() != given.size()) {
      throw new IllegalArgumentException("a toolset lists a tool twice");
    }
    tools = List.copyOf(sorted);
  }
}
