package dev.cask.runtime.policy;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a rule's match that depends only on the tool (name, risk tier, method, host, path), decided once per tool
 * at start-up so that a call only evaluates argument conditions.
 */
final class StaticMatch {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]*}");

  private final List<String> tools;
  private final Set<RiskTier> risk;
  private final Set<HttpMethod> methods;
  private final List<String> hosts;
  private final List<String> paths;

  StaticMatch(Match match) {
    this.tools = match.tools();
    this.risk = match.risk().isEmpty() ? Set.of() : EnumSet.copyOf(match.risk());
    this.methods = match.methods().isEmpty() ? Set.of() : EnumSet.copyOf(match.methods());
    this.hosts = match.hosts().stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    this.paths = match.paths().stream().map(StaticMatch::normalize).toList();
  }

  boolean matches(ToolDefinition tool) {
    return (tools.isEmpty() || tools.stream().anyMatch(pattern -> nameMatches(pattern, tool.name())))
        && (risk.isEmpty() || risk.contains(tool.risk().tier()))
        && (methods.isEmpty() || methods.contains(tool.method()))
        && (hosts.isEmpty() || hosts.stream().anyMatch(pattern -> hostMatches(pattern, tool.host())))
        && (paths.isEmpty() || paths.stream().anyMatch(pattern -> pathMatches(pattern, fullPath(tool))));
  }

  static boolean nameMatches(String pattern, String name) {
    return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
  }

  /** {@code host} matches that host on any port; {@code host:port} matches exactly. */
  static boolean hostMatches(String pattern, String toolHost) {
    String host = toolHost.toLowerCase(Locale.ROOT);
    if (pattern.equals(host)) {
      return true;
    }
    return !hasPort(pattern) && pattern.equals(withoutPort(host));
  }

  static boolean pathMatches(String normalizedPattern, String fullPath) {
    String path = normalize(fullPath);
    return normalizedPattern.endsWith("*")
        ? path.startsWith(normalizedPattern.substring(0, normalizedPattern.length() - 1))
        : normalizedPattern.equals(path);
  }

  /** The full path template on the host: the base URL's path plus the tool's path. */
  static String fullPath(ToolDefinition tool) {
    return tool.operation().pathTemplate();
  }

  private static String normalize(String path) {
    return PLACEHOLDER.matcher(path).replaceAll("{}");
  }

  private static boolean hasPort(String host) {
    int bracket = host.lastIndexOf(']');
    return host.indexOf(':', bracket + 1) >= 0 && !(bracket < 0 && host.indexOf(':') != host.lastIndexOf(':'));
  }

  private static String withoutPort(String host) {
    int bracket = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    return colon > bracket && hasPort(host) ? host.substring(0, colon) : host;
  }
}
