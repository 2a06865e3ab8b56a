package dev.cask.maven.importers;

import dev.cask.runtime.CaskException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code allowHosts} setting: exact hosts ({@code api.example.com}), subdomain wildcards ({@code *.example.com},
 * which matches {@code a.example.com} and {@code a.b.example.com} but not {@code example.com}), each with an optional
 * {@code :port}. Without a port any port matches. Host names compare case-insensitively.
 */
public final class HostPatterns {
  private static final Pattern PATTERN = Pattern.compile("(\\*\\.)?([a-z0-9.-]+|\\[[0-9a-f:.]+])(:(\\d{1,5}))?");

  private record HostPattern(boolean wildcard, String host, int port) {
    boolean matches(String candidateHost, int candidatePort) {
      if (port >= 0 && port != candidatePort) {
        return false;
      }
      return wildcard ? candidateHost.endsWith("." + host) : candidateHost.equals(host);
    }
  }

  private final List<String> texts;
  private final List<HostPattern> patterns;

  private HostPatterns(List<String> texts, List<HostPattern> patterns) {
    this.texts = texts;
    this.patterns = patterns;
  }

  /** Parses the setting; an invalid pattern is an error naming {@code -Dcask.allowHosts}. */
  public static HostPatterns of(List<String> texts) {
    List<HostPattern> parsed =
        texts.stream().map(String::trim).filter(text -> !text.isEmpty()).map(HostPatterns::parse).toList();
    return new HostPatterns(List.copyOf(texts), parsed);
  }

  private static HostPattern parse(String text) {
    var matcher = PATTERN.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new CaskException(
          "-Dcask.allowHosts",
          null,
          "'" + text + "' is not a host pattern",
          "write hosts as api.example.com, *.example.com or api.example.com:8443 (no scheme, no path)");
    }
    int port = matcher.group(4) == null ? -1 : Integer.parseInt(matcher.group(4));
    return new HostPattern(matcher.group(1) != null, matcher.group(2), port);
  }

  /** True when no pattern is set: every host is kept. */
  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether a host (lower case) and its effective port are allowed. */
  public boolean allows(String host, int port) {
    return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> pattern.matches(host.toLowerCase(Locale.ROOT), port));
  }

  /** Whether the host of an absolute http(s) URL is allowed. */
  public boolean allows(String url) {
    if (patterns.isEmpty()) {
      return true;
    }
    URI uri = URI.create(url);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    return patterns.stream().anyMatch(pattern -> pattern.matches(host, port));
  }

  @Override
  public String toString() {
    return String.join(",", texts);
  }
}
