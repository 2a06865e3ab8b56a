package dev.cask.maven.diff;

import java.util.Locale;

/** What happened to a tool between the baseline and now. */
public enum ToolStatus {
  ADDED,
  REMOVED,
  CHANGED,
  UNCHANGED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
