package dev.cask.runtime.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal: a program run inside tmux (its own server socket, so parallel runs never meet), driven by
 * {@code send-keys} and read by {@code capture-pane}, as a person at a terminal would.
 */
final class Tmux implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final String socket = "cask-test-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();

  Tmux(Path workDir, Map<String, String> env, List<String> command, int columns, int rows) {
    List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", "main", "-x", String.valueOf(columns), "-y",
        String.valueOf(rows), "-c", workDir.toString()));
    env.forEach((key, value) -> {
      args.add("-e");
      args.add(key + "=" + value);
    });
    // The pane stays after the program ends, so its last screen and exit code can be read.
    args.add(String.join(" ", command.stream().map(Tmux::quote).toList()) + "; echo \"[exit $?]\"; sleep 600");
    tmux(args);
  }

  /** Keys by tmux name ({@code Enter}, {@code Down}, {@code Escape}) or literal text with {@link #type}. */
  void keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "main"));
    args.addAll(List.of(keys));
    tmux(args);
  }

  void type(String text) {
    tmux(List.of("send-keys", "-t", "main", "-l", text));
  }

  /** The visible screen, as text. */
  String screen() {
    return tmux(List.of("capture-pane", "-p", "-t", "main"));
  }

  /** The visible screen with its colours (SGR escape sequences). */
  String screenWithColours() {
    return tmux(List.of("capture-pane", "-p", "-e", "-t", "main"));
  }

  /** Waits (at most 60 s) until the screen shows what {@code ready} looks for; returns that screen. */
  String await(String what, Predicate<String> ready) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String screen = screen();
    while (!ready.test(screen)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the screen never showed " + what + "; it shows:\n" + screen);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      screen = screen();
    }
    return screen;
  }

  String awaitText(String text) {
    return await("'" + text + "'", screen -> screen.contains(text));
  }

  @Override
  public void close() {
    tmux(List.of("kill-server"));
  }

  private String tmux(List<String> args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("tmux did not answer: " + command);
      }
      if (process.exitValue() != 0 && !args.get(0).equals("kill-server")) {
        throw new AssertionError("tmux failed (" + process.exitValue() + "): " + command + "\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_/.:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
