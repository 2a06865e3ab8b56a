package dev.cask.runtime.server.state;

import dev.cask.runtime.server.confirm.Confirmations;
import dev.cask.runtime.server.ratelimit.LimitCounters;
import dev.cask.runtime.server.ratelimit.Ticker;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the pipeline keeps the state that outlives one call: the counters of rate limits and budgets, and the
 * confirmation challenges. {@link LocalStateStore} keeps them in this process (counters) and beside the audit log
 * (challenges), for one server; the Redis store ({@code serve --state redis://...}) shares them between replicas. The
 * pipeline only sees these interfaces and does not know which one it has.
 */
public interface StateStore extends AutoCloseable {
  /** The counters of one toolpack and lockfile. */
  LimitCounters counters(StateNamespace namespace, Ticker ticker);

  /**
   * The challenges of one toolpack and lockfile.
   *
   * @param confirmationKey the key the challenges' tokens and approvals are derived from (shared by the replicas)
   */
  Confirmations confirmations(StateNamespace namespace, byte[] confirmationKey, Clock clock, Duration ttl);

  /** Whether the store answered its last request (the local store always does); a metric, never a decision. */
  boolean available();

  /** What the store is, for the operator's log: {@code local}, or the Redis address without any password. */
  String description();

  @Override
  void close();
}
