package dev.cask.runtime.server.pipeline;

import dev.cask.runtime.server.audit.AuditListener;
import dev.cask.runtime.server.audit.Durability;
import dev.cask.runtime.server.state.LocalStateStore;
import dev.cask.runtime.server.state.StateStore;
import dev.cask.runtime.server.ratelimit.Ticker;
import dev.cask.runtime.server.upstream.HostResolver;
import dev.cask.runtime.server.upstream.UpstreamConfig;
import dev.cask.runtime.server.upstream.UpstreamRoutes;
import dev.cask.runtime.server.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server runs the pipeline: the operator's {@code serve} options plus the clocks and the DNS resolver (seams
 * for tests). Build with {@link #builder(Path)}; everything else has a safe default.
 *
 * @param auditLog the audit log file; confirmations and the server key live in its directory
 * @param auditDurability when records reach the disk
 * @param dryRun every call is a dry run ({@code serve --dry-run})
 * @param allowNetworks CIDR ranges the operator allows besides public addresses ({@code --allow-network})
 * @param upstream timeouts, maximum response size and redirects
 * @param credentials the operator's upstream credentials ({@code --upstream-config})
 * @param confirmationTtl how long a confirmation challenge stays valid
 * @param redactor the redaction applied to everything shown
 * @param clock wall time (audit records, confirmation expiry)
 * @param ticker monotonic time (rate limits, latency)
 * @param resolver name resolution for the SSRF guard
 * @param routes where tools' requests go instead of their own base URL ({@code cask:verify} only; {@code serve} never
 *     routes)
 * @param state where counters and challenges live, or null for this server alone ({@link LocalStateStore} beside the
 *     audit log); the pipeline closes it
 * @param sharedKey the key replicas share for their challenges ({@code serve --shared-key}), or null for the server key
 *     beside the audit log
 * @param auditListener told of every audit record written (an export); never decides anything
 */
public record PipelineSettings(
    Path auditLog,
    Durability auditDurability,
    boolean dryRun,
    List<String> allowNetworks,
    UpstreamSettings upstream,
    UpstreamConfig credentials,
    Duration confirmationTtl,
    OutputRedactor redactor,
    Clock clock,
    Ticker ticker,
    HostResolver resolver,
    UpstreamRoutes routes,
    StateStore state,
    byte[] sharedKey,
    AuditListener auditListener) {

  public PipelineSettings {
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(auditDurability, "auditDurability");
    allowNetworks = List.copyOf(allowNetworks);
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(confirmationTtl, "confirmationTtl");
    Objects.requireNonNull(redactor, "redactor");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(routes, "routes");
    sharedKey = sharedKey == null ? null : sharedKey.clone();
    Objects.requireNonNull(auditListener, "auditListener");
  }

  /** Settings with the shared redaction engine's default rules. */
  public static Builder builder(Path auditLog) {
    return new Builder(auditLog, SharedRedaction.defaults());
  }

  /** Settings with another redaction (tests). */
  public static Builder builder(Path auditLog, OutputRedactor redactor) {
    return new Builder(auditLog, redactor);
  }

  /** Builder with safe defaults: public networks only, no redirects, durable audit, 10-minute confirmations. */
  public static final class Builder {
    private final Path auditLog;
    private final OutputRedactor redactor;
    private Durability auditDurability = Durability.INTERVAL;
    private boolean dryRun;
    private List<String> allowNetworks = List.of();
    private UpstreamSettings upstream = UpstreamSettings.DEFAULTS;
    private UpstreamConfig credentials = UpstreamConfig.none();
    private Duration confirmationTtl = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.SYSTEM;
    private HostResolver resolver = HostResolver.SYSTEM;
    private UpstreamRoutes routes = UpstreamRoutes.NONE;
    private StateStore state;
    private byte[] sharedKey;
    private AuditListener auditListener = AuditListener.NONE;

    private Builder(Path auditLog, OutputRedactor redactor) {
      this.auditLog = auditLog;
      this.redactor = redactor;
    }

    public Builder auditDurability(Durability value) {
      this.auditDurability = value;
      return this;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder allowNetworks(List<String> value) {
      this.allowNetworks = value;
      return this;
    }

    public Builder upstream(UpstreamSettings value) {
      this.upstream = value;
      return this;
    }

    public Builder credentials(UpstreamConfig value) {
      this.credentials = value;
      return this;
    }

    public Builder confirmationTtl(Duration value) {
      this.confirmationTtl = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder ticker(Ticker value) {
      this.ticker = value;
      return this;
    }

    public Builder resolver(HostResolver value) {
      this.resolver = value;
      return this;
    }

    public Builder routes(UpstreamRoutes value) {
      this.routes = value;
      return this;
    }

    /** Where counters and challenges live (a store shared by replicas); default: this server alone. */
    public Builder state(StateStore value) {
      this.state = value;
      return this;
    }

    /** The key replicas share for their challenges; default: the server key beside the audit log. */
    public Builder sharedKey(byte[] value) {
      this.sharedKey = value;
      return this;
    }

    public Builder auditListener(AuditListener value) {
      this.auditListener = value;
      return this;
    }

    public PipelineSettings build() {
      return new PipelineSettings(auditLog, auditDurability, dryRun, allowNetworks, upstream, credentials,
          confirmationTtl, redactor, clock, ticker, resolver, routes, state, sharedKey, auditListener);
    }
  }
}
