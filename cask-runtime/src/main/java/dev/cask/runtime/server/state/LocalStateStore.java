package dev.cask.runtime.server.state;

import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.RateLimiter;
import dev.cask.runtime.server.ratelimit.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One server's state: counters in memory (a restart starts them empty), challenges in {@code confirmations/} in the
 * directory of the audit log (shared with the {@code confirm} command on the same machine). The default.
 */
public final class LocalStateStore implements StateStore {
  private final Path directory;

  /** @param directory the audit log's directory, where {@code confirmations/} lives */
  public LocalStateStore(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  @Override
  public LimitCounters counters(StateNamespace namespace, Ticker ticker) {
    return new RateLimiter(ticker);
  }

  @Override
  public Confirmations confirmations(StateNamespace namespace, byte[] confirmationKey, Clock clock, Duration ttl) {
    return ConfirmationStore.open(directory.resolve(ConfirmationStore.DIRECTORY), confirmationKey, clock, ttl);
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public String description() {
    return "local";
  }

  @Override
  public void close() {
    // nothing held open
  }
}
