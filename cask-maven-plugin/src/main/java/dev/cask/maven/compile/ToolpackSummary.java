package dev.cask.maven.compile;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The lines the compile goal logs: counts per risk tier and, when asked, one row per tool. */
public final class ToolpackSummary {
  private ToolpackSummary() {}

  public static List<String> lines(CompiledToolpack toolpack, boolean table) {
    List<String> lines = new ArrayList<>();
    List<Tool> tools = toolpack.tools().tools();
    String tiers =
        java.util.Arrays.stream(RiskTier.values())
            .map(tier -> tier.wireName() + " " + toolpack.manifest().riskTiers().getOrDefault(tier.wireName(), 0))
            .collect(Collectors.joining(", "));
    lines.add("Compiled " + tools.size() + " tools (" + tiers + ") for " + String.join(", ", toolpack.manifest().hosts()));
    long leftOut = toolpack.manifest().leftOutOperations().stream().filter(op -> op.coveredBy() == null).count();
    long covered = toolpack.manifest().leftOutOperations().size() - leftOut;
    if (leftOut + covered > 0) {
      lines.add("Left out " + leftOut + " operation(s) that cannot be compiled" + (covered == 0 ? "" : " and " + covered
          + " covered by the tool of the same HTTP operation") + ": listed under leftOut in toolpack.yaml");
    }
    String sets = toolpack.toolsets().toolsets().entrySet().stream()
        .limit(12)
        .map(set -> set.getKey() + " (" + set.getValue().tools().size() + ")")
        .collect(Collectors.joining(", "));
    int more = toolpack.toolsets().toolsets().size() - 12;
    lines.add("Toolsets (serve --toolset NAME): " + sets + (more > 0 ? " and " + more + " more" : ""));
    if (table) {
      int nameWidth = Math.max(4, tools.stream().mapToInt(t -> t.name().length()).max().orElse(4));
      String format = "  %-" + nameWidth + "s  %-11s  %-6s  %s";
      lines.add(String.format(java.util.Locale.ROOT, format, "TOOL", "RISK", "METHOD", "TARGET"));
      for (Tool tool : tools) {
        ToolDefinition definition = tool.definition();
        lines.add(String.format(java.util.Locale.ROOT, format, definition.name(), definition.risk().tier().wireName(),
            definition.method(), definition.operation().host() + definition.operation().pathTemplate()));
      }
    }
    return lines;
  }
}
