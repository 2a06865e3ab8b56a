package dev.cask.maven.gate;

/** A person at a terminal, for interactive approval. Batch builds have none ({@link #none()}). */
public interface Prompt {
  /** Whether someone can answer. */
  boolean interactive();

  /** Shows a line. */
  void show(String line);

  /** Asks a question; returns the typed line (never null; empty when nothing was typed). */
  String ask(String question);

  static Prompt none() {
    return new Prompt() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public void show(String line) {}

      @Override
      public String ask(String question) {
        throw new IllegalStateException("no one to ask in batch mode: " + question);
      }
    };
  }

  /** The JVM's console ({@link System#console()}), or {@link #none()} when there is none. */
  static Prompt console() {
    java.io.Console console = System.console();
    if (console == null) {
      return none();
    }
    return new Prompt() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public void show(String line) {
        console.printf("%s%n", line);
      }

      @Override
      public String ask(String question) {
        String answer = console.readLine("%s", question);
        return answer == null ? "" : answer.trim();
      }
    };
  }
}
