package dev.cask.runtime.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP receiver (what an OpenTelemetry Collector's {@code otlp} receiver does on port 4318), on a loopback
 * port: it parses what the exporter sends (protobuf, with the protocol's own classes) and keeps every log record and
 * every number data point with their resource attributes. {@link #refuse} makes it answer 503, as a collector that is
 * down for a moment.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One log record as received: its resource's and its own attributes, its body. */
  public record Log(Map<String, String> resource, Map<String, String> attributes, String body) {}

  /** One number data point (a counter's sum or a gauge's value) with its metric's name and attributes. */
  public record Point(Map<String, String> resource, String metric, Map<String, String> attributes, double value) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Log> logs = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean refusing = new AtomicBoolean();

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "otlp-receiver");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/v1/logs", this::logs);
    server.createContext("/v1/metrics", this::metrics);
    server.start();
  }

  public static OtlpReceiver start() throws IOException {
    return new OtlpReceiver();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** While true, every export is answered 503 (the records are not kept). */
  public void refuse(boolean value) {
    refusing.set(value);
  }

  public List<Log> logs() {
    return List.copyOf(logs);
  }

  public List<Point> points() {
    return List.copyOf(points);
  }

  private void logs(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    if (refusing.get()) {
      answer(exchange, 503, new byte[0]);
      return;
    }
    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      Map<String, String> resource = map(resourceLogs.getResource().getAttributesList());
      for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
        for (LogRecord record : scope.getLogRecordsList()) {
          logs.add(new Log(resource, map(record.getAttributesList()), text(record.getBody())));
        }
      }
    }
    answer(exchange, 200, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
  }

  private void metrics(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    if (refusing.get()) {
      answer(exchange, 503, new byte[0]);
      return;
    }
    ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      Map<String, String> resource = map(resourceMetrics.getResource().getAttributesList());
      for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          List<NumberDataPoint> data = new ArrayList<>();
          if (metric.hasSum()) {
            data.addAll(metric.getSum().getDataPointsList());
          } else if (metric.hasGauge()) {
            data.addAll(metric.getGauge().getDataPointsList());
          } else if (metric.hasHistogram()) {
            metric.getHistogram().getDataPointsList().forEach(point ->
                points.add(new Point(resource, metric.getName(), map(point.getAttributesList()), point.getCount())));
          }
          for (NumberDataPoint point : data) {
            double value = point.hasAsInt() ? point.getAsInt() : point.getAsDouble();
            points.add(new Point(resource, metric.getName(), map(point.getAttributesList()), value));
          }
        }
      }
    }
    answer(exchange, 200, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> map(List<KeyValue> attributes) {
    Map<String, String> map = new HashMap<>();
    for (KeyValue attribute : attributes) {
      map.put(attribute.getKey(), text(attribute.getValue()));
    }
    return map;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
