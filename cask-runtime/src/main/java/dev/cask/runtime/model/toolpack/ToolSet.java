package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The content of {@code tools.json}: every tool of a toolpack, sorted by name.
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param toolpack the toolpack's name
 * @param tools the tools, sorted by name
 */
public record ToolSet(int formatVersion, String toolpack, List<Tool> tools) {
  public static final int FORMAT_VERSION = 1;

  public ToolSet {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported tools.json format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
    }
    Objects.requireNonNull(toolpack, "toolpack");
    tools = Lists.copy(tools).stream().sorted(Comparator.comparing(Tool::name)).toList();
  }

  public static ToolSet of(String toolpack, List<Tool> tools) {
    return new ToolSet(FORMAT_VERSION, toolpack, tools);
  }
}
