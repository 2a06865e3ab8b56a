package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.importers.ImportRequest;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.graphql.GraphQlSchema;
import dev.cask.maven.importers.graphql.GraphQlSchemaImporter;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Evidence;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.TemplatingDecision;
import dev.cask.runtime.redact.RedactionLog;
import dev.cask.runtime.redact.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a capture from the calls of one traffic source, whatever its format: the HAR and OpenTelemetry importers feed
 * it raw calls one at a time and it redacts, filters noise, folds each call into its group (memory grows with the
 * number of operations, not of calls), then applies the host rules, templates paths across samples and merges groups
 * into operations with inferred schemas and evidence.
 */
public final class TrafficCollector {
  private final BuildLog log;
  private final ImportSettings settings;
  private final Redactor redactor;
  private final RedactionLog redactions = new RedactionLog();
  private final Map<String, ObservedGroup> groups = new LinkedHashMap<>();
  private final Map<String, PathTemplater.Prepared> prepared = new HashMap<>();
  private final Map<String, Integer> callsPerHost = new TreeMap<>();
  private final Map<String, String> hostOfAuthority = new HashMap<>();
  private final Map<String, Integer> portOfAuthority = new HashMap<>();
  private final List<CaptureSource> sources = new ArrayList<>();
  private final GraphQlTraffic graphql = new GraphQlTraffic();
  private GraphQlSchema graphqlSchema;
  private String pageHost;
  private String pageOrigin;
  private int orderOffset;
  private int totalApiCalls;

  // The source being read.
  private ImportRequest request;
  private SourceKind kind;
  private String unitName;
  private Warnings warnings;
  private ExchangeNormalizer normalizer;
  private final Map<String, Integer> skipped = new TreeMap<>();
  private int seen;
  private int apiCalls;
  private int maxOrder;

  public TrafficCollector(ImportSettings settings, BuildLog log) {
    this.settings = settings;
    this.log = log;
    this.redactor = new Redactor(settings.redaction());
  }

  /** One file, one capture: the single-file path of {@link dev.cask.maven.importers.Importer#read}. */
  public static Capture readOne(ImportRequest request, TrafficImporter importer) {
    TrafficCollector collector = new TrafficCollector(request.settings(), request.log());
    importer.readInto(request, collector);
    return collector.finish();
  }

  /**
   * Starts a source: every call accepted until {@link #end} belongs to it.
   *
   * @param unitName what one input unit is called in messages ({@code entries}, {@code HTTP calls})
   */
  public void begin(ImportRequest request, SourceKind kind, String unitName) {
    this.request = request;
    this.kind = kind;
    this.unitName = unitName;
    this.warnings = new Warnings(log);
    this.normalizer = new ExchangeNormalizer(redactor, redactions, warnings);
    skipped.clear();
    seen = 0;
    apiCalls = 0;
    maxOrder = -1;
  }

  public Warnings warnings() {
    return warnings;
  }

  /** Redacts, classifies and folds in one call. */
  public void accept(RawExchange raw) {
    seen++;
    maxOrder = Math.max(maxOrder, raw.order());
    ExchangeNormalizer.Result result = normalizer.normalize(raw, orderOffset);
    if (result.exchange() == null) {
      count(result.skipped());
      return;
    }
    Exchange exchange = result.exchange();
    String noise = NoiseFilter.reason(exchange);
    if (noise != null) {
      count(noise);
      if (noise.equals("html-navigation") && pageHost == null && exchange.status() >= 200 && exchange.status() < 300) {
        pageHost = exchange.host();
        pageOrigin = exchange.scheme() + "://" + exchange.authority();
      }
      return;
    }
    if (exchange.status() <= 0) {
      count("no-response");
      return;
    }
    apiCalls++;
    totalApiCalls++;
    String authority = exchange.authority();
    hostOfAuthority.putIfAbsent(authority, exchange.host());
    portOfAuthority.putIfAbsent(authority, exchange.port());
    callsPerHost.merge(exchange.host(), 1, Integer::sum);
    if (graphql.accept(exchange, authority)) {
      return;
    }
    PathTemplater.Prepared path = PathTemplater.prepare(exchange.path(), exchange.route());
    String key = exchange.method().name() + " " + authority + path.key();
    ObservedGroup group = groups.get(key);
    if (group == null) {
      group = new ObservedGroup(exchange.method(), authority, path.tokens(), copyReasons(path.reasons()));
      groups.put(key, group);
      prepared.put(key, path);
    } else {
      for (int i = 0; i < path.reasons().size(); i++) {
        group.reasons.get(i).addAll(path.reasons().get(i));
      }
    }
    group.add(exchange, path.routed());
  }

  /**
   * Ends the current source; fails with a {@link CaskException} when it held no API call at all.
   *
   * @param sha256 the hex SHA-256 of the source's bytes
   */
  public void end(String sha256) {
    String source = request.displayPath();
    warnings.summarize(source);
    log.info(source + ": " + seen + " " + unitName + ", " + apiCalls + " API calls"
        + (skipped.isEmpty() ? "" : "; skipped " + skipped.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    if (apiCalls == 0) {
      throw noApiCalls(source);
    }
    sources.add(new CaptureSource(kind, source, sha256, null, null));
    orderOffset += maxOrder + 1;
  }

  /** The GraphQL schema that types the variables of the GraphQL operations in the traffic. */
  public void graphQlSchema(GraphQlSchema schema) {
    this.graphqlSchema = schema;
  }

  /** Builds the capture of every source read; fails with a {@link CaskException} when no call can become a tool. */
  public Capture finish() {
    String names = sources.stream().map(CaptureSource::path).collect(Collectors.joining(", "));
    HostRules hosts = hostRules(names);
    Map<String, ObservedGroup> kept = new LinkedHashMap<>();
    Map<String, Integer> dropped = new TreeMap<>();
    groups.forEach((key, group) -> {
      if (hosts.allows(hostOfAuthority.get(group.authority), portOfAuthority.get(group.authority))) {
        kept.put(key, group);
      } else {
        dropped.merge(group.authority, group.calls, Integer::sum);
      }
    });
    if (!dropped.isEmpty()) {
      log.info(names + ": dropped calls to hosts outside " + (hosts.isAllowList() ? "-Dcask.allowHosts" : "the first-party site")
          + ": " + dropped.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }
    List<LeftOutOperation> leftOut = new ArrayList<>();
    SortedMap<String, SecurityScheme> schemes = new TreeMap<>();
    List<CapturedOperation> graphqlOperations = graphql.operations(
        group -> hosts.allows(hostOfAuthority.get(group.authority), portOfAuthority.get(group.authority)),
        (group, template) -> operation(group, template, schemes), graphqlSchema, leftOut, names, log,
        settings.includeFailingOperations());
    if (kept.isEmpty() && graphqlOperations.isEmpty() && leftOut.isEmpty()) {
      throw new CaskException(names, null, "holds " + totalApiCalls + " API calls, but none to an allowed host (seen: "
          + String.join(", ", dropped.keySet()) + ")", "list the API's host in -Dcask.allowHosts");
    }

    Map<String, ObservedGroup> operations = templateAndMerge(kept);
    List<CapturedOperation> captured = new ArrayList<>(graphqlOperations);
    List<String> failingOnly = new ArrayList<>();
    for (ObservedGroup group : operations.values()) {
      PathTemplater.Template template = PathTemplater.name(group.tokens, group.reasons);
      boolean onlyFailing = group.succeeded.calls == 0;
      if (onlyFailing && !settings.includeFailingOperations()) {
        failingOnly.add(group.method + " " + group.authority + template.basePath() + template.path() + " " + group.statuses);
        continue;
      }
      captured.add(operation(group, template, schemes));
    }
    if (!failingOnly.isEmpty()) {
      log.warn(names + ": " + failingOnly.size() + " operation(s) seen only failing get no tool (set "
          + "-Dcask.includeFailingOperations=true to keep them): " + String.join("; ", failingOnly));
    }
    if (captured.isEmpty() && !leftOut.isEmpty()) {
      throw new CaskException(names, null, "none of its GraphQL operations can become a tool: "
          + leftOut.stream().map(LeftOutOperation::line).collect(Collectors.joining("; ")), null);
    }
    if (captured.isEmpty()) {
      throw new CaskException(
          names, null, "every API call in it failed (4xx/5xx), so no operation can become a tool",
          "record traffic where the calls succeed, or set -Dcask.includeFailingOperations=true to build tools from failures");
    }
    log.info(names + ": " + captured.size() + " operations from " + totalApiCalls + " API calls; redacted "
        + redactions.total() + " values in " + redactions.redactions().size() + " places");
    List<CaptureSource> all = new ArrayList<>(sources);
    if (graphqlSchema != null) {
      all.add(GraphQlSchemaImporter.source(graphqlSchema));
    }
    Capture capture = Capture.of(all, captured, new TreeMap<>(), schemes, redactions.redactions());
    return leftOut.isEmpty() ? capture : capture.withLeftOut(leftOut);
  }

  private HostRules hostRules(String names) {
    if (!settings.allowHosts().isEmpty()) {
      return HostRules.allowList(settings.allowHosts());
    }
    String host = HostRules.deriveHost(pageHost, callsPerHost);
    if (host == null) {
      return HostRules.firstParty("none.invalid");
    }
    HostRules rules = HostRules.firstParty(host);
    log.info(names + ": no -Dcask.allowHosts set; derived the first-party site '" + rules.site() + "' from "
        + (pageHost != null ? "the page " + pageOrigin : "the host with the most API calls (" + host + ")")
        + ". Set -Dcask.allowHosts to choose the hosts yourself");
    return rules;
  }

  /** Applies varying-slug templating per host, then merges groups whose final templates are equal. */
  private Map<String, ObservedGroup> templateAndMerge(Map<String, ObservedGroup> kept) {
    Map<String, List<String>> keysByAuthority = new TreeMap<>();
    kept.forEach((key, group) -> keysByAuthority.computeIfAbsent(hostOfAuthority.get(group.authority), k -> new ArrayList<>()).add(key));
    Map<String, ObservedGroup> merged = new TreeMap<>();
    for (List<String> keys : keysByAuthority.values()) {
      List<PathTemplater.Prepared> paths = keys.stream().map(prepared::get).toList();
      Map<String, Set<Integer>> varying = PathTemplater.varyingSlugs(paths);
      for (String key : keys) {
        ObservedGroup group = kept.get(key);
        List<String> tokens = new ArrayList<>(group.tokens);
        List<Set<String>> reasons = copyReasons(group.reasons);
        for (int position : varying.getOrDefault(prepared.get(key).key(), Set.of())) {
          tokens.set(position, null);
          reasons.get(position).add("varies-across-samples");
        }
        StringBuilder finalKey = new StringBuilder(group.method.name()).append(' ').append(group.authority);
        tokens.forEach(token -> finalKey.append('/').append(token == null ? "{}" : token));
        ObservedGroup target = merged.get(finalKey.toString());
        if (target == null) {
          ObservedGroup fresh = new ObservedGroup(group.method, group.authority, tokens, reasons);
          fresh.merge(group);
          merged.put(finalKey.toString(), fresh);
        } else {
          target.merge(withShape(group, tokens, reasons));
        }
      }
    }
    return merged;
  }

  private static ObservedGroup withShape(ObservedGroup group, List<String> tokens, List<Set<String>> reasons) {
    ObservedGroup copy = new ObservedGroup(group.method, group.authority, tokens, reasons);
    copy.merge(group);
    return copy;
  }

  private CapturedOperation operation(ObservedGroup group, PathTemplater.Template template, Map<String, SecurityScheme> schemes) {
    ObservedGroup.Usage usage = group.succeeded.calls > 0 ? group.succeeded : group.failed;
    List<Parameter> parameters = new ArrayList<>();
    int prefix = PathTemplater.versionPrefixLength(group.tokens);
    for (TemplatingDecision decision : template.decisions()) {
      Set<String> reasons = group.reasons.get(decision.segment() + prefix);
      parameters.add(new Parameter(decision.parameter(), ParameterLocation.PATH, true, pathSchema(reasons), null, null, null, false));
    }
    usage.queryShapes.forEach((name, shape) -> parameters.add(new Parameter(
        name, ParameterLocation.QUERY, usage.queryPresence.get(name) == usage.calls, shape.toSchema(), null, null, null, false)));

    RequestBody body = null;
    if (!usage.bodies.isEmpty()) {
      List<MediaContent> contents = new ArrayList<>();
      usage.bodies.forEach((type, shape) -> contents.add(new MediaContent(type, shape.samples() > 0 ? shape.toSchema() : null)));
      body = new RequestBody(usage.withBody == usage.calls, null, contents);
    }
    List<Response> responses = new ArrayList<>();
    group.responses.forEach((status, types) -> {
      List<MediaContent> contents = new ArrayList<>();
      types.forEach((type, shape) -> contents.add(new MediaContent(type, shape.samples() > 0 ? shape.toSchema() : null)));
      responses.add(new Response(status, null, contents));
    });
    SortedMap<String, List<String>> required = new TreeMap<>();
    usage.credentials.forEach((name, count) -> {
      if (count == usage.calls) {
        required.put(name, List.of());
        schemes.put(name, group.hints.get(name).scheme());
      }
    });
    List<SecurityRequirement> security = required.isEmpty() ? List.of() : List.of(new SecurityRequirement(required));
    String scheme = group.https ? "https" : "http";
    String baseUrl = scheme + "://" + group.authority + template.basePath();
    Evidence evidence = new Evidence(
        group.calls, new TreeMap<>(group.statuses), new ArrayList<>(group.contentTypes), group.sampleRefs(),
        group.first, group.last, template.decisions(), List.of(), group.recordedExchanges());
    return new CapturedOperation(
        group.method, baseUrl, template.path(), null, null, null, List.of(), false, parameters, body, responses,
        security, group.sampleRefs().get(0), evidence);
  }

  /** The schema of a path parameter from why its segments were values: integer ids stay integers. */
  static JsonNode pathSchema(Set<String> reasons) {
    Set<String> typed = new TreeSet<>(reasons);
    typed.remove("http-route");
    typed.remove("varies-across-samples");
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    if (typed.equals(Set.of("integer"))) {
      schema.put("type", "integer");
      return schema;
    }
    schema.put("type", "string");
    if (typed.size() == 1) {
      String format = switch (typed.iterator().next()) {
        case "uuid" -> "uuid";
        case "date" -> "date";
        case "email" -> "email";
        default -> null;
      };
      if (format != null) {
        schema.put("format", format);
      }
    }
    return schema;
  }

  private CaskException noApiCalls(String source) {
    String counts = skipped.isEmpty() ? "" : " (" + skipped.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    if (seen == 0) {
      return new CaskException(source, null, "holds no " + unitName,
          "capture traffic while the application calls its API, then export it again");
    }
    return new CaskException(source, null, "holds no API calls: all " + seen + " " + unitName
        + " are static files, page loads, analytics, preflights, streams or unanswered" + counts,
        "record the traffic while the application calls its API (XHR/fetch requests returning JSON)");
  }

  private void count(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  private static List<Set<String>> copyReasons(List<Set<String>> reasons) {
    List<Set<String>> copy = new ArrayList<>();
    reasons.forEach(set -> copy.add(new TreeSet<>(set)));
    return copy;
  }
}
