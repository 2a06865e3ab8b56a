package dev.cask.runtime.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of an upstream operation: method, host (with a non-default port) and the full path template on that host.
 *
 * <p>Placeholder names do not take part in the identity ({@code /users/{id}} and {@code /users/{userId}} are the same
 * operation), so renaming a path parameter or a tool cannot dodge a lockfile pin. The lockfile, diff and drift key
 * everything by {@link #id()}.
 */
public record OperationKey(HttpMethod method, String host, String pathTemplate) implements Comparable<OperationKey> {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]*}");

  public OperationKey {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    host = host.toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("operation host is empty");
    }
    if (!pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/': " + pathTemplate);
    }
  }

  /** The path with every placeholder written as {@code {}}. */
  public String normalizedPath() {
    return PLACEHOLDER.matcher(pathTemplate).replaceAll("{}");
  }

  /** The stable identity string, e.g. {@code GET api.github.com/repos/{}/{}}. */
  public String id() {
    return method.name() + " " + host + normalizedPath();
  }

  @Override
  public int compareTo(OperationKey other) {
    return id().compareTo(other.id());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OperationKey other && id().equals(other.id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  @Override
  public String toString() {
    return method.name() + " " + host + pathTemplate;
  }
}
