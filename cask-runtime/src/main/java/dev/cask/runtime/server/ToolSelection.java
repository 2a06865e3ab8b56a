package dev.cask.runtime.server;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.toolpack.Toolset;
import dev.cask.runtime.model.toolpack.Toolsets;
import dev.cask.runtime.verification.ApprovedTool;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a verified toolpack's tools one server serves: {@code serve --toolset NAME} (a set of the toolpack's
 * approved {@code toolsets.yaml}) and {@code --tools a,b} (named tools, within the toolset when both are given). Selection
 * only ever narrows: it is applied to the approved tools, so a tool the lockfile does not approve is never served,
 * whatever a toolset lists. A tool outside the selection does not exist for that server (an unknown tool).
 *
 * @param toolset the toolset's name, or null for every approved tool
 * @param tools tool names, or empty for every tool of the toolset
 */
public record ToolSelection(String toolset, List<String> tools) {
  public ToolSelection {
    tools = Lists.copy(tools);
  }

  /** Every approved tool. */
  public static ToolSelection all() {
    return new ToolSelection(null, List.of());
  }

  public boolean narrows() {
    return toolset != null || !tools.isEmpty();
  }

  /**
   * The toolpack narrowed to this selection, and a line saying what is served.
   *
   * @throws CaskException for an unknown toolset, a toolpack without toolsets, or a named tool that is not an approved
   *     tool of the selected set (a typo would otherwise serve less than the operator believes, silently)
   */
  public Selected apply(VerifiedToolpack verified) {
    if (!narrows()) {
      return new Selected(verified, null);
    }
    Set<String> approved = new TreeSet<>();
    verified.tools().forEach(tool -> approved.add(tool.name()));
    Set<String> chosen = new LinkedHashSet<>(approved);
    List<String> notes = new ArrayList<>();
    if (toolset != null) {
      Toolsets toolsets = verified.toolsets();
      if (toolsets == null) {
        throw new CaskException("--toolset " + toolset, null,
            "the toolpack " + verified.name() + " has no toolsets.yaml (it was compiled before toolsets existed)",
            "compile the toolpack again (mvn cask:compile), approve it, and serve that");
      }
      Toolset set = toolsets.toolset(toolset).orElseThrow(() -> new CaskException("--toolset " + toolset, null,
          "the toolpack " + verified.name() + " has no toolset '" + toolset + "' (it has: "
              + String.join(", ", toolsets.toolsets().keySet()) + ")",
          "name one of its toolsets (toolsets.yaml in the toolpack)"));
      chosen.retainAll(set.tools());
      int unapproved = (int) set.tools().stream().filter(name -> !approved.contains(name)).count();
      notes.add("toolset " + toolset + ": " + chosen.size() + " of its " + set.tools().size() + " tool(s)"
          + (unapproved == 0 ? "" : " (" + unapproved + " not approved, never served)"));
    }
    if (!tools.isEmpty()) {
      List<String> outside = tools.stream().filter(name -> !chosen.contains(name)).sorted().toList();
      if (!outside.isEmpty()) {
        throw new CaskException("--tools", null, "names " + String.join(", ", outside) + ", which "
            + (outside.size() == 1 ? "is not an approved tool" : "are not approved tools")
            + (toolset == null ? "" : " of toolset " + toolset) + " of " + verified.name(),
            "name only approved tools" + (toolset == null ? "" : " of the toolset") + " (mvn cask:gate-status lists them)");
      }
      chosen.retainAll(Set.copyOf(tools));
      notes.add("--tools: " + chosen.size() + " tool(s)");
    }
    VerifiedToolpack narrowed = verified.narrowedTo(chosen);
    return new Selected(narrowed, "serving " + narrowed.tools().size() + " of " + verified.tools().size()
        + " approved tool(s): " + String.join("; ", notes));
  }

  /**
   * @param toolpack the narrowed toolpack (the pipeline's only input)
   * @param description what is served, for the start-up line; null when nothing was narrowed
   */
  public record Selected(VerifiedToolpack toolpack, String description) {
    public List<String> names() {
      return toolpack.tools().stream().map(ApprovedTool::name).toList();
    }
  }
}
