package dev.cask.maven.importers.traffic;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.ValuePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the redaction rules from the plugin settings, for the Mojos: {@code cask.redact.keys} (more sensitive keys,
 * also header names), {@code cask.redact.patterns} ({@code rule-name=regex}, applied after the built-in patterns) and
 * {@code cask.redact.allow} (fields whose values are kept; credentials in them are still removed).
 */
public final class RedactionSettings {
  private RedactionSettings() {}

  /** The default rules plus the configured ones; a bad pattern is a {@link CaskException} naming the setting. */
  public static RedactionRules rules(List<String> keys, List<String> patterns, List<String> allow) {
    List<ValuePattern> parsed = new ArrayList<>();
    for (String pattern : patterns) {
      if (pattern.isBlank()) {
        continue;
      }
      try {
        parsed.add(ValuePattern.parse(pattern.trim()));
      } catch (IllegalArgumentException e) {
        throw new CaskException("-Dcask.redact.patterns", "'" + pattern + "'", e.getMessage(),
            "write each pattern as rule-name=regex (a Java regular expression), e.g. employee-id=EMP-\\d{6}");
      }
    }
    return RedactionRules.defaults()
        .withKeys(keys.stream().filter(key -> !key.isBlank()).toList())
        .withPatterns(parsed)
        .allowing(allow.stream().filter(field -> !field.isBlank()).toList());
  }
}
