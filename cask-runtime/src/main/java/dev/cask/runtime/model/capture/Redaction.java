package dev.cask.runtime.model.capture;

import java.util.Objects;

/**
 * A record that a value was removed before anything was written. Never holds the value.
 *
 * @param location where the value was, e.g. {@code app.har#entries/3/request/headers/Authorization}
 * @param rule the redaction rule that matched, e.g. {@code auth-header}, {@code jwt}, {@code email}
 */
public record Redaction(String location, String rule) {
  public Redaction {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(rule, "rule");
  }
}
