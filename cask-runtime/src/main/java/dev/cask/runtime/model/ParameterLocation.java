package dev.cask.runtime.model;

import java.util.Locale;

/** Where a request parameter travels. */
public enum ParameterLocation {
  PATH,
  QUERY,
  HEADER,
  COOKIE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ParameterLocation parse(String text) {
    for (ParameterLocation location : values()) {
      if (location.wireName().equals(text)) {
        return location;
      }
    }
    throw new IllegalArgumentException("unknown parameter location '" + text + "' (expected path, query, header or cookie)");
  }
}
