package dev.cask.maven.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The progress timer fires while work runs and reports the current stage; driven with a tiny interval. */
class ProgressTest {
  static final String WORKING = "api.json: working, 0 s so far";

  /** A log that counts the progress lines it waits for down on a latch (the timer writes from its own thread). */
  static final class Lines {
    final List<String> infos = new CopyOnWriteArrayList<>();
    final CountDownLatch lines;
    final Predicate<String> counted;

    Lines(int expected) {
      this(expected, line -> true);
    }

    Lines(int expected, Predicate<String> counted) {
      lines = new CountDownLatch(expected);
      this.counted = counted;
    }

    BuildLog log() {
      return BuildLog.of(line -> {
        infos.add(line);
        if (counted.test(line)) {
          lines.countDown();
        }
      }, line -> {}, line -> {});
    }

    /** Waits for the lines; the bound only keeps a broken timer from hanging the build. */
    void await() throws InterruptedException {
      assertThat(lines.await(60, TimeUnit.SECONDS)).as("progress lines arrived: " + infos).isTrue();
    }
  }

  @Test
  void linesSayWhatIsBeingDoneAndEvaluateTheStageWhenDue() throws Exception {
    // Waits for three lines that evaluated the stage: on a loaded machine the timer can fire several times (each a
    // "working" line) before this thread gets to set the stage, so counting every line would race with it.
    Lines lines = new Lines(3, line -> !line.equals(WORKING));
    AtomicInteger evaluated = new AtomicInteger();
    try (Progress progress = Progress.start("api.json", lines.log(), Duration.ofMillis(1), Duration.ofMillis(1))) {
      progress.stage(() -> "compiled " + evaluated.incrementAndGet() + " tools");
      lines.await();
    }
    // Lines may come before the first stage is set ("working"); every other one evaluates the stage anew.
    List<String> staged = lines.infos.stream().filter(line -> !line.equals(WORKING)).toList();
    assertThat(staged).isNotEmpty().allMatch(line -> line.matches("api\\.json: compiled \\d+ tools, \\d+ s so far"));
    assertThat(staged.get(0)).startsWith("api.json: compiled 1 tools");
    assertThat(evaluated.get()).isGreaterThanOrEqualTo(staged.size());
  }

  @Test
  void aStepThatEndsBeforeTheFirstLineLogsNothing() {
    Lines lines = new Lines(1);
    try (Progress progress = Progress.start("api.json", lines.log(), Duration.ofHours(1), Duration.ofHours(1))) {
      progress.stage("parsing 5 kB");
    }
    assertThat(lines.infos).isEmpty();
  }
}
