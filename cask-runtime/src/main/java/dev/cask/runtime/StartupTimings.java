package dev.cask.runtime;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up phase marks for the benchmark ({@code -Dcask.startupTimings=true}): each mark is a phase name and the wall
 * clock (epoch ms, so the harness that launched the process can subtract its own launch time). Off by default; when
 * off, {@link #mark} does nothing. Printed once, on stderr, just before the server starts serving.
 */
public final class StartupTimings {
  private static final boolean ENABLED = Boolean.getBoolean("cask.startupTimings");
  private static final List<String> MARKS = new ArrayList<>();

  private StartupTimings() {}

  /** Records that a phase ended now. */
  public static void mark(String phase) {
    if (ENABLED) {
      long now = System.currentTimeMillis();
      synchronized (MARKS) {
        MARKS.add(phase + "=" + now);
      }
    }
  }

  /** Prints the marks so far ({@code cask-runtime: start-up marks: main=... verified=...}) when enabled. */
  public static void print(PrintStream stderr) {
    if (ENABLED) {
      synchronized (MARKS) {
        stderr.println("cask-runtime: start-up marks: " + String.join(" ", MARKS));
      }
      stderr.flush();
    }
  }
}
