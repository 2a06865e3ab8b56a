package dev.cask.runtime.model;

import java.util.Locale;

/**
 * How much harm a tool can do, in increasing order. The order matters: policies and the gate compare tiers.
 *
 * <ul>
 *   <li>{@code read}: reads data, changes nothing.
 *   <li>{@code write}: creates or changes data.
 *   <li>{@code destructive}: deletes, cancels, revokes or overwrites data.
 *   <li>{@code sensitive}: touches credentials, identity, permissions, money or personal data (read or write).
 * </ul>
 */
public enum RiskTier {
  READ,
  WRITE,
  DESTRUCTIVE,
  SENSITIVE;

  /** The lower-case name used in every file format. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RiskTier parse(String text) {
    for (RiskTier tier : values()) {
      if (tier.wireName().equals(text)) {
        return tier;
      }
    }
    throw new IllegalArgumentException(
        "unknown risk tier '" + text + "' (expected read, write, destructive or sensitive)");
  }

  public boolean atLeast(RiskTier other) {
    return compareTo(other) >= 0;
  }
}
