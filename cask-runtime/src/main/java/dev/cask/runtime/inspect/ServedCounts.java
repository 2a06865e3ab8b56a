package dev.cask.runtime.inspect;

import dev.cask.runtime.repair.AuditReader;
import dev.cask.runtime.repair.AuditRecord;
import dev.cask.runtime.server.ratelimit.LimitKey;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.ratelimit.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The serving server's rate-limit windows, rebuilt from its audit log. {@code serve} keeps its counters in memory;
 * every call it counted left a record, so following the log and counting each such record at its time, in the same
 * {@link RateLimiter}, gives the windows {@code serve} checks against, to the millisecond.
 *
 * <p>A call is counted when it passed the rate-limit step without being a dry run: its record says what came after
 * (an intent, a confirmation challenge or answer, a request that could not be built or was blocked by the network
 * guard). A {@code start} or {@code restart} record means the server started again with empty counters. Limits:
 * a server restarted after a clean stop leaves no record of it, so for up to one window after that this view counts
 * calls the new server does not (it may say {@code rate_limited} where {@code serve} would not: it errs towards "no");
 * and only budgets that no argument can change are counted (the log keeps an HMAC of the arguments, not their values).
 */
final class ServedCounts {
  /** Reasons of records whose call {@code serve} counted in its windows (see the pipeline's step order). */
  private static final Set<String> COUNTED = Set.of(
      "sending", "confirmation_required", "confirmation_pending", "confirmation_invalid", "confirmation_expired",
      "confirmation_replayed", "confirmation_mismatch", "confirmation_declined", "confirmation_unavailable",
      "request_invalid", "ssrf_blocked");

  private final Path auditLog;
  private final ReplayTicker ticker;
  private RateLimiter limiter;
  private long offset;

  ServedCounts(Path auditLog, Clock clock) {
    this.auditLog = auditLog;
    this.ticker = new ReplayTicker(clock);
    this.limiter = new RateLimiter(ticker);
  }

  RateLimiter limiter() {
    return limiter;
  }

  /**
   * Counts what the server wrote since the last call.
   *
   * @param keys the counters a served call of a tool was counted in (empty for a tool not served)
   * @return whether the server started again since (the limiter is then a new one)
   */
  boolean follow(Function<String, Optional<List<LimitKey>>> keys) {
    AuditReader.Chunk chunk = AuditReader.read(auditLog, offset);
    offset = chunk.next();
    boolean restarted = false;
    for (AuditRecord record : chunk.records()) {
      if (record.isServerStart()) {
        limiter = new RateLimiter(ticker);
        restarted = true;
      } else if (counted(record)) {
        Optional<List<LimitKey>> counters = keys.apply(record.tool());
        if (counters.isPresent()) {
          ticker.at(record.time());
          try {
            limiter.acquire(counters.get());
          } finally {
            ticker.live();
          }
        }
      }
    }
    return restarted;
  }

  static boolean counted(AuditRecord record) {
    return !record.dryRun() && record.hasArguments() && record.intent() == null && COUNTED.contains(record.reason());
  }

  /** Wall-clock nanoseconds, or a fixed past instant while a record is counted at its time. */
  static final class ReplayTicker implements Ticker {
    private final Clock clock;
    private volatile Long fixed;

    ReplayTicker(Clock clock) {
      this.clock = clock;
    }

    void at(Instant instant) {
      fixed = nanos(instant);
    }

    void live() {
      fixed = null;
    }

    @Override
    public long nanos() {
      Long at = fixed;
      return at != null ? at : nanos(clock.instant());
    }

    private static long nanos(Instant instant) {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
  }
}
