package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.importers.graphql.GraphQlRequest;
import dev.cask.maven.importers.graphql.GraphQlRequests;
import dev.cask.maven.importers.graphql.GraphQlSchema;
import dev.cask.maven.importers.graphql.ParsedOperation;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Evidence;
import dev.cask.runtime.model.capture.GraphQlOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.maven.importers.traffic.PathTemplater.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The GraphQL operations of the traffic: each distinct operation of an endpoint (by name, else by its normalised
 * document's hash) is folded into a group of its own, so it becomes a tool of its own with its document fixed, instead
 * of one {@code POST /graphql} tool taking any document. Batches count each element; an automatic persisted query sent
 * by its hash alone joins the operation whose text carried that hash; subscriptions are counted, never tools.
 */
final class GraphQlTraffic {
  /** The reserved argument prefix of the runtime: a variable of that name could never be passed. */
  private static final String RESERVED_PREFIX = "_cask_";

  private record Seen(ParsedOperation operation, Set<String> documents, String endpoint) {}

  private final Map<String, ObservedGroup> groups = new LinkedHashMap<>();
  private final Map<String, Seen> seen = new LinkedHashMap<>();
  /** endpoint + hash → the key of the operation whose text carried it. */
  private final Map<String, String> byHash = new TreeMap<>();
  /** endpoint + hash → calls that sent the hash alone. */
  private final Map<String, ObservedGroup> persistedOnly = new LinkedHashMap<>();
  private int subscriptions;
  private int calls;

  /**
   * Folds in the call when it is GraphQL; false leaves it to the HTTP operations.
   *
   * @param authority {@code host[:port]} of the call
   */
  boolean accept(Exchange exchange, String authority) {
    List<GraphQlRequest> requests = requests(exchange);
    if (requests == null) {
      return false;
    }
    calls++;
    String endpoint = authority + exchange.path();
    for (GraphQlRequest request : requests) {
      Exchange folded = fold(exchange, request);
      if (request.operation() == null) {
        // The tool always sends the document, so a call that sent the hash alone is counted but never replayed.
        group(persistedOnly, endpoint + " " + request.persistedHash(), exchange).add(folded, false, () -> null);
        continue;
      }
      ParsedOperation operation = request.operation();
      if (operation.isSubscription()) {
        subscriptions++;
        continue;
      }
      String key = endpoint + "#" + operation.identity();
      Seen before = seen.get(key);
      Set<String> documents = before == null ? new LinkedHashSet<>() : before.documents();
      documents.add(operation.document());
      seen.put(key, new Seen(operation, documents, endpoint)); // the last document seen is the one pinned
      if (request.persistedHash() != null) {
        byHash.put(endpoint + " " + request.persistedHash(), key);
      }
      group(groups, key, exchange).add(folded, false,
          () -> RecordedExchanges.graphql(folded, operation.document(), operation.name()));
    }
    return true;
  }

  private static List<GraphQlRequest> requests(Exchange exchange) {
    JsonNode response = exchange.responseBody().kind() == Body.Kind.JSON ? exchange.responseBody().value() : null;
    if (exchange.method() == HttpMethod.POST && exchange.requestBody().kind() == Body.Kind.JSON) {
      return GraphQlRequests.ofBody(exchange.requestBody().value(), response);
    }
    if (exchange.method() == HttpMethod.GET && exchange.query() != null && !exchange.requestBody().present()) {
      ObjectNode parameters = JsonNodeFactory.instance.objectNode();
      ObservedGroup.queryValues(exchange.query()).forEach(parameters::set);
      return GraphQlRequests.ofQuery(parameters, response);
    }
    return null;
  }

  /** The call as its operation's tool makes it: POST to the endpoint, its variables as the body, its response part. */
  private static Exchange fold(Exchange exchange, GraphQlRequest request) {
    Body variables = new Body("application/json", Body.Kind.JSON, request.variables());
    Body response = request.response() == null ? exchange.responseBody()
        : new Body(exchange.responseMediaType(), Body.Kind.JSON, request.response());
    return new Exchange(exchange.order(), exchange.ref(), HttpMethod.POST, exchange.scheme(), exchange.host(),
        exchange.port(), exchange.path(), null, null, exchange.requestHeaders(), variables, exchange.status(),
        exchange.responseMediaType(), response, exchange.resourceType(), exchange.credentials());
  }

  private static ObservedGroup group(Map<String, ObservedGroup> groups, String key, Exchange exchange) {
    return groups.computeIfAbsent(key, k -> {
      List<String> tokens = new ArrayList<>();
      List<Set<String>> reasons = new ArrayList<>();
      for (String segment : exchange.path().substring(1).split("/", -1)) {
        tokens.add(segment);
        reasons.add(new java.util.TreeSet<>());
      }
      return new ObservedGroup(HttpMethod.POST, exchange.authority(), tokens, reasons);
    });
  }

  int calls() {
    return calls;
  }

  /**
   * The GraphQL operations, each with its document fixed and its variables' schema (from the schema when given, else
   * inferred), in key order.
   *
   * @param allowed whether a group's host is kept by the host rules
   * @param base builds the HTTP operation of a group (evidence, responses, security), which gets the GraphQL parts
   * @param schema the GraphQL schema, or null
   * @param leftOut where operations that cannot be tools go, with the reason
   */
  List<CapturedOperation> operations(
      Predicate<ObservedGroup> allowed, BiFunction<ObservedGroup, Template, CapturedOperation> base,
      GraphQlSchema schema, List<LeftOutOperation> leftOut, String names, BuildLog log, boolean includeFailing) {
    persistedOnly.forEach((hashKey, calls) -> {
      String key = byHash.get(hashKey);
      if (key != null) {
        groups.get(key).merge(calls);
      }
    });
    int unknownPersisted = persistedOnly.entrySet().stream().filter(e -> !byHash.containsKey(e.getKey()))
        .mapToInt(e -> e.getValue().calls).sum();
    List<CapturedOperation> operations = new ArrayList<>();
    new TreeMap<>(groups).forEach((key, group) -> {
      Seen operation = seen.get(key);
      if (!allowed.test(group) || (group.succeeded.calls == 0 && !includeFailing)) {
        return;
      }
      if (operation.documents().size() > 1) {
        log.warn(names + ": the GraphQL operation " + key + " was sent with " + operation.documents().size()
            + " different documents; its tool fixes the last one seen");
      }
      CapturedOperation http = base.apply(group, PathTemplater.name(group.tokens, group.reasons));
      CapturedOperation graphql = withGraphQl(http, operation.operation(), group, schema, leftOut);
      if (graphql != null) {
        operations.add(graphql);
      }
    });
    if (subscriptions > 0 || unknownPersisted > 0 || !operations.isEmpty()) {
      log.info(names + ": " + operations.size() + " GraphQL operation(s), each its own tool"
          + (subscriptions == 0 ? "" : "; " + subscriptions + " subscription call(s), not turned into tools")
          + (unknownPersisted == 0 ? "" : "; " + unknownPersisted + " persisted-query call(s) sent by hash alone whose "
              + "query text never appears in the traffic, so no tool can fix their document"));
    }
    return operations;
  }

  private static CapturedOperation withGraphQl(
      CapturedOperation http, ParsedOperation operation, ObservedGroup group, GraphQlSchema schema,
      List<LeftOutOperation> leftOut) {
    String label = "GraphQL " + operation.type() + " " + (operation.name() == null ? operation.identity() : operation.name());
    String path = http.path() + "#" + operation.identity();
    String reason = null;
    if (operation.variables().stream().anyMatch(v -> v.startsWith(RESERVED_PREFIX))) {
      reason = "declares a variable starting with " + RESERVED_PREFIX + ", the prefix of the runtime's own arguments";
    }
    List<String> problems = schema == null || reason != null ? List.of() : schema.problems(operation);
    if (!problems.isEmpty()) {
      reason = "the GraphQL schema " + schema.source() + " does not allow it: " + String.join("; ", problems)
          + ". Fix: give the schema of the API the traffic calls";
    }
    if (reason != null) {
      leftOut.add(new LeftOutOperation(http.origin().source(), http.origin().locator(), "POST " + path, reason, null));
      return null;
    }
    JsonNode variables = schema != null ? schema.variables(operation) : inferred(operation, group);
    // An anonymous operation is named by what it selects ({ me { … } } → query_me); its path keeps it apart.
    String operationId = operation.name() != null ? operation.name()
        : operation.type() + "_" + String.join("_", operation.rootFields());
    String description = "Runs the GraphQL " + operation.type() + " "
        + (operation.name() == null ? "(anonymous)" : operation.name())
        + (operation.rootFields().isEmpty() ? "" : " (" + String.join(", ", operation.rootFields()) + ")")
        + " at POST " + http.path() + ". Its query text is fixed; the arguments are its variables.";
    return new CapturedOperation(HttpMethod.POST, http.baseUrl(), path, operationId, label, description,
        List.of("graphql"), false, List.of(),
        new RequestBody(true, null, List.of(new MediaContent("application/json", variables))),
        http.responses(), http.security(), http.origin(), pinnedCalls(http.evidence(), operation.document()),
        new GraphQlOperation(operation.type(), operation.name(), operation.document(), operation.variables(),
            operation.rootFields(), schema != null ? "schema" : "traffic"));
  }

  /**
   * The evidence with only the recorded calls that ran the pinned document: those the tool makes (a call that ran an
   * earlier document of the operation is counted, and warned about, but is no evidence of this tool's request).
   */
  private static Evidence pinnedCalls(Evidence evidence, String document) {
    List<RecordedExchange> pinned = evidence.exchanges().stream()
        .filter(call -> call.request().body() != null && document.equals(call.request().body().path("query").asText(null)))
        .toList();
    return new Evidence(evidence.observedCount(), evidence.statuses(), evidence.contentTypes(), evidence.samples(),
        evidence.firstSeen(), evidence.lastSeen(), evidence.templating(), evidence.undocumented(), pinned);
  }

  /**
   * The variables' schema from the calls: each declared variable as observed (a variable never sent takes any value;
   * the server checks its type), required when every successful call sent it; nothing that is not declared.
   */
  private static ObjectNode inferred(ParsedOperation operation, ObservedGroup group) {
    ObservedGroup.Usage usage = group.succeeded.calls > 0 ? group.succeeded : group.failed;
    Shape shape = usage.bodies.get("application/json");
    ObjectNode observed = shape == null || shape.samples() == 0 ? JsonNodeFactory.instance.objectNode() : shape.toSchema();
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    var required = JsonNodeFactory.instance.arrayNode();
    Set<String> alwaysSent = new LinkedHashSet<>();
    observed.path("required").forEach(name -> alwaysSent.add(name.asText()));
    for (String variable : operation.variables()) {
      JsonNode seen = observed.path("properties").get(variable);
      properties.set(variable, seen == null ? JsonNodeFactory.instance.objectNode() : seen);
      if (alwaysSent.contains(variable)) {
        required.add(variable);
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }
}
