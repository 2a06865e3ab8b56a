package dev.cask.maven.log;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines while a long step runs: nothing for a step that ends within {@code firstAfter} (one second by
 * default), then a line every {@code every} (five seconds) saying what is being done and for how long, e.g.
 * {@code api.github.com.json: reading operations (612 of 1,223), 6 s so far}. The work reports its current stage with
 * {@link #stage}; a daemon timer thread reads it (a volatile field: the work thread never waits for the log), and
 * {@link #close} stops it. Stage text must not hold secrets: it goes to the build log.
 */
public final class Progress implements AutoCloseable {
  public static final Duration FIRST_AFTER = Duration.ofSeconds(1);
  public static final Duration EVERY = Duration.ofSeconds(5);

  private final String subject;
  private final BuildLog log;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private volatile Supplier<String> stage = () -> "working";
  private volatile boolean closed;

  private Progress(String subject, BuildLog log, Duration firstAfter, Duration every) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.log = Objects.requireNonNull(log, "log");
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "cask-progress");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
    timer.scheduleAtFixedRate(this::report, firstAfter.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts reporting with the default timing (first line after one second, then every five). */
  public static Progress start(String subject, BuildLog log) {
    return start(subject, log, FIRST_AFTER, EVERY);
  }

  public static Progress start(String subject, BuildLog log, Duration firstAfter, Duration every) {
    return new Progress(subject, log, firstAfter, every);
  }

  /** What is being done now, e.g. "checking $refs". */
  public void stage(String text) {
    stage = () -> text;
  }

  /** What is being done now, computed when a line is due (e.g. a running count). */
  public void stage(Supplier<String> text) {
    stage = Objects.requireNonNull(text, "text");
  }

  private void report() {
    if (closed) {
      return;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    log.info(String.format(Locale.ROOT, "%s: %s, %d s so far", subject, stage.get(), seconds));
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
