package dev.cask.maven.importers.traffic;

import java.util.Objects;

/** A header, query or form pair as a capture format gives it (raw: may hold secrets until redacted). */
public record NameValue(String name, String value) {
  public NameValue {
    Objects.requireNonNull(name, "name");
    value = value == null ? "" : value;
  }
}
