package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything seen for calls with one method, host and concrete-path shape, folded in call by call so that memory grows
 * with the number of distinct operations, not with the traffic. Groups whose paths turn out to be one template are
 * merged into one operation.
 */
final class ObservedGroup {
  static final int MAX_SAMPLES = 5;

  /** What a subset of calls (the successful ones, or the failing ones) showed about the request. */
  static final class Usage {
    int calls;
    final Map<String, Integer> queryPresence = new TreeMap<>();
    final Map<String, Shape> queryShapes = new TreeMap<>();
    int withBody;
    final Map<String, Shape> bodies = new LinkedHashMap<>();
    final Map<String, Integer> credentials = new TreeMap<>();

    void add(Exchange exchange) {
      calls++;
      for (Map.Entry<String, JsonNode> param : queryValues(exchange.query()).entrySet()) {
        queryPresence.merge(param.getKey(), 1, Integer::sum);
        queryShapes.computeIfAbsent(param.getKey(), k -> new Shape()).addTexts(param.getValue());
      }
      Body body = exchange.requestBody();
      if (body.present()) {
        withBody++;
        Shape shape = bodies.computeIfAbsent(body.mediaType(), k -> new Shape());
        if (body.value() != null) {
          if (body.kind() == Body.Kind.FORM) {
            shape.addTexts(body.value());
          } else {
            shape.add(body.value());
          }
        }
      }
      for (CredentialHint hint : exchange.credentials()) {
        credentials.merge(hint.schemeName(), 1, Integer::sum);
      }
    }

    void merge(Usage other) {
      calls += other.calls;
      other.queryPresence.forEach((name, count) -> queryPresence.merge(name, count, Integer::sum));
      other.queryShapes.forEach((name, shape) -> queryShapes.computeIfAbsent(name, k -> new Shape()).merge(shape));
      withBody += other.withBody;
      other.bodies.forEach((type, shape) -> bodies.computeIfAbsent(type, k -> new Shape()).merge(shape));
      other.credentials.forEach((name, count) -> credentials.merge(name, count, Integer::sum));
    }
  }

  final HttpMethod method;
  final String authority;
  /** Path segments below the host: a raw static segment, or null for a value. */
  final List<String> tokens;
  /** Per position: why it is a value (empty for static segments). */
  final List<Set<String>> reasons;
  boolean routed;
  boolean https;
  boolean http;
  int calls;
  int first = Integer.MAX_VALUE;
  int last = -1;
  final TreeMap<Integer, SourceRef> samples = new TreeMap<>();
  /** The sample calls themselves (same keys as {@link #samples}; null for one no tool makes), kept as replayable evidence. */
  final TreeMap<Integer, RecordedExchange> exchanges = new TreeMap<>();
  final Map<String, Integer> statuses = new TreeMap<>();
  final Set<String> contentTypes = new TreeSet<>();
  final Usage succeeded = new Usage();
  final Usage failed = new Usage();
  final Map<String, CredentialHint> hints = new TreeMap<>();
  /** status → media type → shape (empty shape when the body was not JSON or not captured). */
  final Map<String, Map<String, Shape>> responses = new TreeMap<>();
  final Set<String> responseStatuses = new TreeSet<>();

  ObservedGroup(HttpMethod method, String authority, List<String> tokens, List<Set<String>> reasons) {
    this.method = method;
    this.authority = authority;
    this.tokens = tokens;
    this.reasons = reasons;
  }

  void add(Exchange exchange, boolean usedRoute) {
    add(exchange, usedRoute, () -> RecordedExchanges.of(exchange));
  }

  /**
   * @param recorded the call as replayable evidence, when it is kept as a sample; null from the supplier when the
   *     tool cannot make this call as it was made (a GraphQL query sent by its persisted hash alone)
   */
  void add(Exchange exchange, boolean usedRoute, Supplier<RecordedExchange> recorded) {
    routed |= usedRoute;
    https |= exchange.scheme().equals("https");
    http |= exchange.scheme().equals("http");
    calls++;
    first = Math.min(first, exchange.order());
    last = Math.max(last, exchange.order());
    if (samples.size() < MAX_SAMPLES || exchange.order() < samples.lastKey()) {
      samples.put(exchange.order(), exchange.ref());
      exchanges.put(exchange.order(), recorded.get());
      if (samples.size() > MAX_SAMPLES) {
        samples.pollLastEntry();
        exchanges.pollLastEntry();
      }
    }
    String status = Integer.toString(exchange.status());
    statuses.merge(status, 1, Integer::sum);
    if (exchange.responseMediaType() != null) {
      contentTypes.add(exchange.responseMediaType());
    }
    (exchange.succeeded() ? succeeded : failed).add(exchange);
    exchange.credentials().forEach(hint -> hints.putIfAbsent(hint.schemeName(), hint));
    Map<String, Shape> byType = responses.computeIfAbsent(status, k -> new LinkedHashMap<>());
    Body body = exchange.responseBody();
    if (body.present()) {
      Shape shape = byType.computeIfAbsent(body.mediaType(), k -> new Shape());
      if (body.kind() == Body.Kind.JSON && body.value() != null) {
        shape.add(body.value());
      }
    }
  }

  void merge(ObservedGroup other) {
    routed |= other.routed;
    https |= other.https;
    http |= other.http;
    calls += other.calls;
    first = Math.min(first, other.first);
    last = Math.max(last, other.last);
    samples.putAll(other.samples);
    exchanges.putAll(other.exchanges);
    while (samples.size() > MAX_SAMPLES) {
      samples.pollLastEntry();
      exchanges.pollLastEntry();
    }
    other.statuses.forEach((status, count) -> statuses.merge(status, count, Integer::sum));
    contentTypes.addAll(other.contentTypes);
    succeeded.merge(other.succeeded);
    failed.merge(other.failed);
    other.hints.forEach(hints::putIfAbsent);
    other.responses.forEach((status, types) -> {
      Map<String, Shape> mine = responses.computeIfAbsent(status, k -> new LinkedHashMap<>());
      types.forEach((type, shape) -> mine.computeIfAbsent(type, k -> new Shape()).merge(shape));
    });
    for (int i = 0; i < reasons.size(); i++) {
      reasons.get(i).addAll(other.reasons.get(i));
    }
  }

  /**
   * Query parameters of a redacted raw query: name → value (an array when repeated). Credential parameters (they
   * become security schemes) and names that are themselves redacted are left out.
   */
  static Map<String, JsonNode> queryValues(String rawQuery) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    ObjectNode form = BodyReader.formObject(rawQuery);
    form.fields().forEachRemaining(field -> {
      String name = field.getKey();
      if (name.isEmpty() || Redactor.isMarker(name)
          || ExchangeNormalizer.CREDENTIAL_QUERY.contains(RedactionRules.normalize(name))) {
        return;
      }
      String cleanName = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
      JsonNode value = field.getValue();
      if (name.endsWith("[]") && !value.isArray()) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(value);
        value = array;
      }
      values.merge(cleanName, value, (a, b) -> {
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        if (a.isArray()) {
          a.forEach(merged::add);
        } else {
          merged.add(a);
        }
        if (b.isArray()) {
          b.forEach(merged::add);
        } else {
          merged.add(b);
        }
        return merged;
      });
    });
    return values;
  }

  /** The samples as a list in input order. */
  List<SourceRef> sampleRefs() {
    return new ArrayList<>(samples.values());
  }

  /** The recorded sample calls, in input order. */
  List<RecordedExchange> recordedExchanges() {
    return exchanges.values().stream().filter(Objects::nonNull).toList();
  }
}
