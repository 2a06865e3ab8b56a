package dev.cask.runtime.server.telemetry;

import dev.cask.runtime.server.audit.AuditEntry;
import dev.cask.runtime.server.audit.AuditExport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The audit log exported over OpenTelemetry ({@code serve --audit-otlp http://collector:4318}), with the official SDK
 * and OTLP/HTTP exporter. Every record becomes an OTLP log record whose body is the record's exact line and whose
 * attributes carry its sequence number and chain hash ({@code cask.audit.seq}, {@code cask.audit.hash}), so a copy at
 * the collector can still be verified: written back in sequence order, the lines form the same hash chain, and the
 * exported checkpoints ({@code cask.audit.kind=checkpoint}) are the signed ones. The file stays the source of truth.
 *
 * <p>Metrics over the same exporter: {@code cask.calls} (by decision and reason), {@code cask.call.duration} (ms, by
 * decision), {@code cask.upstream.responses} (by status class), {@code cask.state.available} (1 or 0) and
 * {@code cask.audit.export.failed}.
 *
 * <p>An export never holds up, allows or denies a call: records are queued (a bounded queue; when it is full, records
 * are dropped from the export, not from the file) and sent in the background. Failures are counted, logged (at most
 * once a minute) and summed up at shutdown.
 */
public final class OtlpAuditExport implements AuditExport {
  private static final System.Logger LOG = System.getLogger(OtlpAuditExport.class.getName());
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("cask.audit.kind");
  private static final AttributeKey<Long> SEQ = AttributeKey.longKey("cask.audit.seq");
  private static final AttributeKey<String> HASH = AttributeKey.stringKey("cask.audit.hash");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("cask.tool");
  private static final AttributeKey<String> DECISION = AttributeKey.stringKey("cask.decision");
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("cask.reason");
  private static final AttributeKey<String> STATUS_CLASS = AttributeKey.stringKey("cask.upstream.status_class");
  private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String endpoint;
  private final SdkLoggerProvider logs;
  private final SdkMeterProvider metrics;
  private final Logger logger;
  private final CountingLogExporter exporter;
  private final LongCounter calls;
  private final DoubleHistogram duration;
  private final LongCounter upstream;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

  private OtlpAuditExport(String endpoint, Map<String, String> headers, Map<String, String> resource,
      BooleanSupplier stateAvailable, Duration metricInterval) {
    this.endpoint = endpoint;
    Resource described = Resource.getDefault().merge(Resource.create(attributes(resource)));
    OtlpHttpLogRecordExporterBuilder logExporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint + "/v1/logs");
    OtlpHttpMetricExporterBuilder metricExporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint + "/v1/metrics");
    headers.forEach((name, value) -> {
      logExporter.addHeader(name, value);
      metricExporter.addHeader(name, value);
    });
    this.exporter = new CountingLogExporter(logExporter.build(), this::reportFailure);
    this.logs = SdkLoggerProvider.builder()
        .setResource(described)
        .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter)
            .setMaxQueueSize(65_536)
            .setMaxExportBatchSize(512)
            .setScheduleDelay(Duration.ofMillis(500))
            .build())
        .build();
    this.metrics = SdkMeterProvider.builder()
        .setResource(described)
        .registerMetricReader(PeriodicMetricReader.builder(metricExporter.build()).setInterval(metricInterval).build())
        .build();
    this.logger = logs.get("dev.cask.audit");
    Meter meter = metrics.get("dev.cask.runtime");
    this.calls = meter.counterBuilder("cask.calls").setUnit("{call}")
        .setDescription("tool calls decided, by decision and reason").build();
    this.duration = meter.histogramBuilder("cask.call.duration").setUnit("ms")
        .setDescription("time a call spent in the runtime, upstream included").build();
    this.upstream = meter.counterBuilder("cask.upstream.responses").setUnit("{response}")
        .setDescription("upstream answers by status class").build();
    meter.gaugeBuilder("cask.state.available").ofLongs()
        .setDescription("1 while the state store (shared by replicas, or local) answers, else 0")
        .buildWithCallback(gauge -> gauge.record(stateAvailable.getAsBoolean() ? 1 : 0));
    meter.counterBuilder("cask.audit.export.failed").setUnit("{record}")
        .setDescription("audit records the OTLP export could not deliver (the file has them all)")
        .buildWithCallback(counter -> counter.record(exporter.failed.get()));
  }

  /**
   * Starts the export to an OTLP/HTTP receiver.
   *
   * @param endpoint the receiver's base URL ({@code http://collector:4318}); {@code /v1/logs} and {@code /v1/metrics}
   *     are added
   * @param headers headers for every export request (e.g. a collector's authorization), from
   *     {@code OTEL_EXPORTER_OTLP_HEADERS}
   * @param resource attributes that say which server this is (toolpack, lockfile, instance, audit log)
   * @param stateAvailable whether the state store answers, for the {@code cask.state.available} gauge
   * @param metricInterval how often metrics are sent (and once more at shutdown)
   */
  public static OtlpAuditExport start(String endpoint, Map<String, String> headers, Map<String, String> resource,
      BooleanSupplier stateAvailable, Duration metricInterval) {
    return new OtlpAuditExport(endpoint, headers, resource, stateAvailable, metricInterval);
  }

  private static Attributes attributes(Map<String, String> values) {
    var builder = Attributes.builder();
    values.forEach(builder::put);
    return builder.build();
  }

  @Override
  public void recorded(AuditEntry entry, long seq, String hash, String line) {
    emitted.incrementAndGet();
    logger.logRecordBuilder()
        .setSeverity(Severity.INFO)
        .setBody(line)
        .setAttribute(KIND, "record")
        .setAttribute(SEQ, seq)
        .setAttribute(HASH, hash)
        .setAttribute(TOOL, entry.tool())
        .setAttribute(DECISION, entry.decision())
        .setAttribute(REASON, entry.reason())
        .emit();
    if (!isCallDecision(entry)) {
      return;
    }
    calls.add(1, Attributes.of(DECISION, entry.decision(), REASON, entry.reason()));
    duration.record(entry.latencyMicros() / 1000.0, Attributes.of(DECISION, entry.decision()));
    if (entry.upstreamStatus() != null) {
      upstream.add(1, Attributes.of(STATUS_CLASS, entry.upstreamStatus() / 100 + "xx"));
    }
  }

  /**
   * Whether a record decides a call: not an intent (its call is counted by its outcome), nor the server's own records
   * (a restart and its {@value AuditEntry#OUTCOME_UNKNOWN} records, a start on file).
   */
  static boolean isCallDecision(AuditEntry entry) {
    return !entry.isIntent() && !AuditEntry.RESTART.equals(entry.decision()) && !AuditEntry.START.equals(entry.decision())
        && !AuditEntry.OUTCOME_UNKNOWN.equals(entry.reason());
  }

  @Override
  public void checkpointed(String line) {
    emitted.incrementAndGet();
    logger.logRecordBuilder().setSeverity(Severity.INFO).setBody(line).setAttribute(KIND, "checkpoint").emit();
  }

  private void reportFailure() {
    long now = System.nanoTime();
    long last = lastReport.get();
    if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
      LOG.log(System.Logger.Level.WARNING, "the audit export to " + endpoint + " failed for "
          + exporter.failed.get() + " record(s) so far; the audit log file holds every record, and calls go on");
    }
  }

  /** Records and checkpoints handed to the export so far. */
  public long emitted() {
    return emitted.get();
  }

  @Override
  public String summary() {
    long sent = exporter.exported.get();
    long failed = exporter.failed.get();
    long lost = emitted.get() - sent - failed;
    return "audit export to " + endpoint + ": " + sent + " record(s) delivered, " + failed + " failed"
        + (lost > 0 ? ", " + lost + " dropped (queue full or not sent before shutdown)" : "")
        + (failed + lost > 0 ? "; the audit log file holds every record" : "");
  }

  /**
   * Sends what is queued and the last metrics, for at most a few seconds (a stopping server must not hang on a
   * collector that is down: what is not sent by then is counted as dropped), then stops.
   */
  @Override
  public void close() {
    // The SDK's shutdown may wait for an exporter that is retrying against a collector that is down: it runs on a
    // daemon thread that this one waits for, at most, the bound.
    Thread closer = new Thread(() -> {
      logs.shutdown().join(3, TimeUnit.SECONDS);
      metrics.shutdown().join(2, TimeUnit.SECONDS);
    }, "cask-otlp-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
