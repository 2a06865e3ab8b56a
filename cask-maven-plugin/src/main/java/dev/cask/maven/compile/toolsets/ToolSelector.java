package dev.cask.maven.compile.toolsets;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;

/**
 * One {@code include} or {@code exclude} entry of a project toolset: a tool matches when it meets every criterion the
 * entry gives (AND); within a criterion, any value may match (OR). An entry without any criterion is refused (it would
 * be every tool: that is the {@code all-approved} set).
 *
 * @param tools tool names; {@code *} matches any characters ({@code get_*})
 * @param tags the source's tags of the tool's operation (OpenAPI {@code tags}), exactly
 * @param risk risk tiers
 * @param methods HTTP methods
 * @param hosts {@code host} (any port) or {@code host:port}, case-insensitive
 * @param paths globs over the full path template on the host: {@code *} matches within one segment, {@code **} any
 *     number of segments; placeholders compare by position ({@code /users/{id}} matches {@code /users/{userId}})
 */
public record ToolSelector(
    List<String> tools, List<String> tags, List<String> risk, List<String> methods, List<String> hosts, List<String> paths) {
  public ToolSelector {
    tools = Lists.copy(tools);
    tags = Lists.copy(tags);
    risk = Lists.copy(risk);
    methods = Lists.copy(methods);
    hosts = Lists.copy(hosts);
    paths = Lists.copy(paths);
    for (String tier : risk) {
      RiskTier.parse(tier);
    }
    for (String method : methods) {
      HttpMethod.parse(method);
    }
    for (String path : paths) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path glob '" + path + "' must start with '/'");
      }
    }
    for (String value : concat(tools, tags, hosts)) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("a name is empty");
      }
    }
  }

  /** Whether the entry gives no criterion (it would select every tool: refused with its place by the compiler). */
  boolean isEmpty() {
    return tools.isEmpty() && tags.isEmpty() && risk.isEmpty() && methods.isEmpty() && hosts.isEmpty() && paths.isEmpty();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
