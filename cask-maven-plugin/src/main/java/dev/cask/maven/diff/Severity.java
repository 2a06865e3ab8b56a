package dev.cask.maven.diff;

import java.util.Locale;

/**
 * How much a change matters to a reviewer, in increasing order. The build fails when an unapproved change reaches
 * the {@code cask.failOn} threshold (default {@code high}).
 *
 * <ul>
 *   <li>{@code info}: worth knowing, never harmful (an output field added).
 *   <li>{@code low}: small, compatible changes (an optional input added).
 *   <li>{@code medium}: breaks callers or changes behaviour a reviewer should check (an input removed, a type changed).
 *   <li>{@code high}: changes what an agent reads or can reach (a description, a new host, a required input, more risk).
 *   <li>{@code critical}: a new sensitive capability or text that tries to instruct the agent.
 * </ul>
 */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static Severity parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Severity severity : values()) {
      if (severity.wireName().equals(wanted)) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected critical, high, medium, low or info)");
  }
}
