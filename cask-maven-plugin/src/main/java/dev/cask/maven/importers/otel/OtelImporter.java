package dev.cask.maven.importers.otel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.Importer;
import dev.cask.maven.importers.InputSniff;
import dev.cask.maven.importers.traffic.NameValue;
import dev.cask.maven.importers.traffic.RawBody;
import dev.cask.maven.importers.traffic.RawExchange;
import dev.cask.maven.importers.traffic.TrafficCollector;
import dev.cask.maven.importers.traffic.TrafficFiles;
import dev.cask.maven.importers.traffic.TrafficImporter;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports OpenTelemetry traces in OTLP/JSON: one {@code ExportTraceServiceRequest} per file, or JSON Lines of them
 * (the collector's file exporter), as SDK exporters and the collector write them. HTTP client and server spans in the
 * stable and the legacy semantic conventions ({@link SpanReader}) become calls; a client span and the server span it
 * caused (same trace, the server span's parent is the client span) are one call, not two.
 *
 * <p>Streamed: one span is held as a tree at a time; the HTTP facts of every span are kept until the end to pair
 * client and server spans.
 */
public final class OtelImporter implements Importer, TrafficImporter {
  private static final String RESOURCE_SPANS = "resourceSpans";

  @Override
  public String format() {
    return "otel";
  }

  @Override
  public Set<String> markerKeys() {
    return Set.of(RESOURCE_SPANS);
  }

  /**
   * A {@code .json}, {@code .jsonl}, {@code .ndjson} or {@code .otlp} file whose (first) object has a {@code
   * resourceSpans} field, or whose name contains {@code otlp} and whose first 64 KiB mention it.
   */
  @Override
  public boolean recognizes(Path file, InputSniff sniff) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".otlp"))) {
      return false;
    }
    return RESOURCE_SPANS.equals(sniff.marker())
        || (name.contains("otlp") && sniff.head().contains("\"" + RESOURCE_SPANS + "\""));
  }

  @Override
  public Capture read(ImportRequest request) {
    return TrafficCollector.readOne(request, this);
  }

  @Override
  public void readInto(ImportRequest request, TrafficCollector collector) {
    String source = request.displayPath();
    List<HttpSpan> spans = new ArrayList<>();
    int[] counts = new int[2]; // [0] spans read, [1] export requests read
    String sha256;
    try (TrafficFiles.Source file = TrafficFiles.open(request.file(), source)) {
      JsonParser parser = file.parser();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token != JsonToken.START_OBJECT) {
          throw notOtlp(source, "line " + parser.currentLocation().getLineNr(), "a line or value is not a JSON object");
        }
        readRequest(parser, spans, counts, source);
        counts[1]++;
      }
      sha256 = file.sha256();
    } catch (IOException e) {
      throw TrafficFiles.parseError(source, e, counts[1] == 0 ? null : "after " + counts[1] + " export request(s), " + counts[0] + " spans",
          "export the traces again (a truncated or edited file cannot be read)");
    }
    if (counts[1] == 0) {
      throw notOtlp(source, null, "it is empty");
    }
    if (spans.isEmpty()) {
      throw new CaskException(source, null, "holds " + counts[0] + " spans but no HTTP span (no http.request.method or http.method attribute)",
          "export traces of an HTTP-instrumented client or server (e.g. the OpenTelemetry HTTP instrumentation)");
    }
    collector.begin(request, SourceKind.OTEL, "HTTP calls (a client span and its server span count once)");
    for (RawExchange exchange : pair(spans, source)) {
      collector.accept(exchange);
    }
    collector.end(sha256);
  }

  /** Reads one ExportTraceServiceRequest object, the parser on its START_OBJECT. */
  private static void readRequest(JsonParser parser, List<HttpSpan> spans, int[] counts, String source) throws IOException {
    boolean sawResourceSpans = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("resourceSpans") && value == JsonToken.START_ARRAY) {
        sawResourceSpans = true;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          readResourceSpans(parser, spans, counts);
        }
      } else {
        parser.skipChildren();
      }
    }
    if (!sawResourceSpans) {
      throw notOtlp(source, "line " + parser.currentLocation().getLineNr(), "an object has no 'resourceSpans' array");
    }
  }

  private static void readResourceSpans(JsonParser parser, List<HttpSpan> spans, int[] counts) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ((field.equals("scopeSpans") || field.equals("instrumentationLibrarySpans")) && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          readScopeSpans(parser, spans, counts);
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private static void readScopeSpans(JsonParser parser, List<HttpSpan> spans, int[] counts) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("spans") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          JsonNode span = TrafficFiles.readTree(parser);
          HttpSpan http = SpanReader.read(span, counts[0]++);
          if (http != null) {
            spans.add(http);
          }
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  /**
   * One raw call per HTTP call: a server span whose parent is an HTTP client span of the same trace is the far end of
   * that client call and is merged into it (the client's URL is what a tool calls; the server adds its route, headers
   * and bodies when the client lacks them).
   */
  static List<RawExchange> pair(List<HttpSpan> spans, String source) {
    Map<String, HttpSpan> clients = new HashMap<>();
    for (HttpSpan span : spans) {
      if (span.kind().equals("client")) {
        clients.put(span.traceId() + "/" + span.spanId(), span);
      }
    }
    Map<String, HttpSpan> serverOfClient = new HashMap<>();
    Set<HttpSpan> merged = new HashSet<>();
    for (HttpSpan span : spans) {
      if (span.kind().equals("server") && !span.parentSpanId().isEmpty()) {
        HttpSpan client = clients.get(span.traceId() + "/" + span.parentSpanId());
        if (client != null && !serverOfClient.containsKey(client.traceId() + "/" + client.spanId())) {
          serverOfClient.put(client.traceId() + "/" + client.spanId(), span);
          merged.add(span);
        }
      }
    }
    List<RawExchange> exchanges = new ArrayList<>();
    for (HttpSpan span : spans) {
      if (merged.contains(span)) {
        continue;
      }
      HttpSpan server = serverOfClient.get(span.traceId() + "/" + span.spanId());
      exchanges.add(server == null ? raw(span, span, source) : raw(span, server, source));
    }
    exchanges.sort(Comparator.comparingInt(RawExchange::order));
    return exchanges;
  }

  private static RawExchange raw(HttpSpan main, HttpSpan other, String source) {
    String url = main.url() != null ? main.url() : other.url();
    List<NameValue> requestHeaders = union(main.requestHeaders(), other.requestHeaders());
    List<NameValue> responseHeaders = union(main.responseHeaders(), other.responseHeaders());
    String requestBody = main.requestBody() != null ? main.requestBody() : other.requestBody();
    String responseBody = main.responseBody() != null ? main.responseBody() : other.responseBody();
    return new RawExchange(
        Math.min(main.order(), other.order()),
        new SourceRef(source, main.locator()),
        main.method(),
        url,
        main.route() != null ? main.route() : other.route(),
        requestHeaders,
        new RawBody(header(requestHeaders, "content-type"), requestBody, false, List.of()),
        main.status() > 0 ? main.status() : other.status(),
        responseHeaders,
        new RawBody(header(responseHeaders, "content-type"), responseBody, false, List.of()),
        null);
  }

  private static List<NameValue> union(List<NameValue> first, List<NameValue> second) {
    if (first == second) {
      return first;
    }
    List<NameValue> all = new ArrayList<>(first);
    Set<String> names = new LinkedHashSet<>();
    first.forEach(header -> names.add(header.name().toLowerCase(Locale.ROOT)));
    for (NameValue header : second) {
      if (!names.contains(header.name().toLowerCase(Locale.ROOT))) {
        all.add(header);
      }
    }
    return all;
  }

  private static String header(List<NameValue> headers, String name) {
    for (NameValue header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return header.value();
      }
    }
    return null;
  }

  private static CaskException notOtlp(String source, String location, String why) {
    return new CaskException(source, location, "is not OTLP/JSON trace data: " + why,
        "export traces as OTLP/JSON (one ExportTraceServiceRequest per file or per line), or remove the file from -Dcask.inputs");
  }
}
