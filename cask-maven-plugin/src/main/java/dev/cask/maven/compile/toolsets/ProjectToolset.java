package dev.cask.maven.compile.toolsets;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.text.ControlCharacters;
import java.util.List;

/**
 * One toolset a project defines in {@code src/main/cask/toolsets.yaml}: the tools matched by any {@code include} entry
 * and by no {@code exclude} entry.
 *
 * @param description what the set is for, one line (shown to operators and reviewers), or null
 * @param include the entries that add tools (at least one)
 * @param exclude the entries that take tools out again
 */
public record ProjectToolset(String description, List<ToolSelector> include, List<ToolSelector> exclude) {
  static final int MAX_DESCRIPTION = 500;

  public ProjectToolset {
    include = Lists.copy(include);
    exclude = Lists.copy(exclude);
    if (include.isEmpty()) {
      throw new IllegalArgumentException("a toolset needs an 'include' list with at least one entry");
    }
    if (description != null) {
      if (description.length() > MAX_DESCRIPTION) {
        throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
      }
      if (ControlCharacters.containsUnsafe(description) || description.contains("\n") || description.contains("\t")) {
        throw new IllegalArgumentException("description holds a control or invisible character (one line of visible text)");
      }
    }
  }
}
