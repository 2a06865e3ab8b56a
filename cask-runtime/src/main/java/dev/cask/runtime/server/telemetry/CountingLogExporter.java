package dev.cask.runtime.server.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the OTLP exporter delivered and what it failed to: an export failure is reported, never hidden. */
final class CountingLogExporter implements LogRecordExporter {
  private final LogRecordExporter delegate;
  private final Runnable onFailure;
  final AtomicLong exported = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  CountingLogExporter(LogRecordExporter delegate, Runnable onFailure) {
    this.delegate = delegate;
    this.onFailure = onFailure;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    int count = logs.size();
    CompletableResultCode result;
    try {
      result = delegate.export(logs);
    } catch (RuntimeException e) {
      failed.addAndGet(count);
      onFailure.run();
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(() -> {
      if (result.isSuccess()) {
        exported.addAndGet(count);
      } else {
        failed.addAndGet(count);
        onFailure.run();
      }
    });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
