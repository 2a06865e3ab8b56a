package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs beside {@code serve}'s own start: it must complete every step (a broken step would only
 * cost time silently) and must not write a byte to the process's streams (stdout carries JSON-RPC).
 */
class StartupWarmUpTest {
  @Test
  void completesEveryStepAndWritesNothingToTheProcessStreams() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(written, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    boolean completed;
    try {
      completed = StartupWarmUp.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(completed).isTrue();
    assertThat(written.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
