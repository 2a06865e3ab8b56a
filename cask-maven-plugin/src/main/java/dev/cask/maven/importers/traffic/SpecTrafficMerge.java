package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.Evidence;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.Redaction;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.capture.SourceRef;
import dev.cask.runtime.model.capture.TemplatingDecision;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges what traffic showed into what a spec declares. The spec wins: an operation both describe keeps the spec's
 * definition (names, schemas, security), and gains the traffic's {@link Evidence}, with
 * {@link Evidence#undocumented()} listing what traffic used that the spec does not describe (JSON pointers into the
 * operation: {@code /parameters/query/debug}, {@code /requestBody/properties/note},
 * {@code /responses/200/properties/etag}, {@code /responses/418}). Operations seen only in traffic are kept as they are.
 *
 * <p>A traffic path matches a spec path on the same method and host when every segment is equal or the spec has a
 * placeholder there ({@code /users/me} seen in traffic matches {@code /users/{id}}); the spec path with the most literal
 * matches wins. Several traffic operations matching one spec operation add up their evidence.
 */
public final class SpecTrafficMerge {
  private SpecTrafficMerge() {}

  public static Capture merge(Capture spec, Capture traffic, BuildLog log) {
    Map<CapturedOperation, List<CapturedOperation>> matched = new LinkedHashMap<>();
    List<CapturedOperation> trafficOnly = new ArrayList<>();
    for (CapturedOperation observed : traffic.operations()) {
      CapturedOperation declared = bestMatch(spec.operations(), observed);
      if (declared == null) {
        trafficOnly.add(observed);
      } else {
        matched.computeIfAbsent(declared, k -> new ArrayList<>()).add(observed);
      }
    }
    List<CapturedOperation> operations = new ArrayList<>();
    for (CapturedOperation declared : spec.operations()) {
      List<CapturedOperation> observed = matched.get(declared);
      operations.add(observed == null ? declared : withEvidence(declared, observed, spec.schemas()));
    }
    SortedMap<String, SecurityScheme> schemes = new TreeMap<>(spec.securitySchemes());
    Map<String, String> renames = new TreeMap<>();
    traffic.securitySchemes().forEach((name, scheme) -> {
      String target = name;
      for (int n = 2; schemes.containsKey(target) && !schemes.get(target).equals(scheme); n++) {
        target = name + "_" + n;
      }
      schemes.put(target, scheme);
      if (!target.equals(name)) {
        renames.put(name, target);
      }
    });
    trafficOnly.forEach(op -> operations.add(renames.isEmpty() ? op : renameSchemes(op, renames)));
    List<CaptureSource> sources = new ArrayList<>(spec.sources());
    sources.addAll(traffic.sources());
    List<Redaction> redactions = new ArrayList<>(spec.redactions());
    redactions.addAll(traffic.redactions());
    log.info("traffic: " + matched.values().stream().mapToInt(List::size).sum() + " observed operation(s) matched "
        + matched.size() + " spec operation(s) (evidence added, spec definitions kept); " + trafficOnly.size()
        + " observed only in traffic");
    List<dev.cask.runtime.model.capture.LeftOutOperation> leftOut = new ArrayList<>(spec.leftOutOperations());
    leftOut.addAll(traffic.leftOutOperations());
    return Capture.of(sources, operations, spec.schemas(), schemes, redactions).withLeftOut(leftOut);
  }

  /** The spec operation a traffic operation is an instance of, or null. */
  static CapturedOperation bestMatch(List<CapturedOperation> declared, CapturedOperation observed) {
    List<String> seen = segments(observed.key().pathTemplate());
    CapturedOperation best = null;
    int bestLiterals = -1;
    for (CapturedOperation candidate : declared) {
      if (candidate.method() != observed.method() || !candidate.key().host().equals(observed.key().host())) {
        continue;
      }
      List<String> spec = segments(candidate.key().pathTemplate());
      if (spec.size() != seen.size()) {
        continue;
      }
      int literals = 0;
      boolean fits = true;
      for (int i = 0; i < spec.size() && fits; i++) {
        boolean specParam = isPlaceholder(spec.get(i));
        boolean seenParam = isPlaceholder(seen.get(i));
        if (specParam) {
          continue;
        }
        fits = !seenParam && spec.get(i).equals(seen.get(i));
        literals++;
      }
      if (fits && literals > bestLiterals) {
        best = candidate;
        bestLiterals = literals;
      }
    }
    return best;
  }

  private static CapturedOperation withEvidence(CapturedOperation declared, List<CapturedOperation> observed, Map<String, JsonNode> defs) {
    int count = 0;
    SortedMap<String, Integer> statuses = new TreeMap<>();
    Set<String> types = new TreeSet<>();
    List<SourceRef> samples = new ArrayList<>();
    List<RecordedExchange> exchanges = new ArrayList<>();
    int first = Integer.MAX_VALUE;
    int last = -1;
    List<TemplatingDecision> templating = new ArrayList<>();
    Set<String> undocumented = new TreeSet<>();
    for (CapturedOperation op : observed) {
      Evidence evidence = op.evidence();
      count += evidence.observedCount();
      evidence.statuses().forEach((status, n) -> statuses.merge(status, n, Integer::sum));
      types.addAll(evidence.contentTypes());
      samples.addAll(evidence.samples());
      exchanges.addAll(evidence.recorded());
      first = Math.min(first, evidence.firstSeen());
      last = Math.max(last, evidence.lastSeen());
      templating.addAll(evidence.templating());
      undocumented.addAll(undocumented(declared, op, defs));
    }
    Evidence merged = new Evidence(count, statuses, new ArrayList<>(types), samples.subList(0, Math.min(samples.size(), ObservedGroup.MAX_SAMPLES)),
        first, last, List.copyOf(new LinkedHashSet<>(templating)), new ArrayList<>(undocumented),
        exchanges.subList(0, Math.min(exchanges.size(), ObservedGroup.MAX_SAMPLES)));
    return new CapturedOperation(declared.method(), declared.baseUrl(), declared.path(), declared.operationId(),
        declared.summary(), declared.description(), declared.tags(), declared.deprecated(), declared.parameters(),
        declared.requestBody(), declared.responses(), declared.security(), declared.origin(), merged, declared.hints());
  }

  /** What the observed operation used that the declared one does not describe. */
  static List<String> undocumented(CapturedOperation declared, CapturedOperation observed, Map<String, JsonNode> defs) {
    List<String> out = new ArrayList<>();
    for (Parameter parameter : observed.parameters()) {
      if (parameter.in() == ParameterLocation.PATH) {
        continue;
      }
      boolean known = declared.parameters().stream().anyMatch(p -> p.in() == parameter.in()
          && (parameter.in() == ParameterLocation.HEADER ? p.name().equalsIgnoreCase(parameter.name()) : p.name().equals(parameter.name())));
      if (!known) {
        out.add("/parameters/" + parameter.in().wireName() + "/" + step(parameter.name()));
      }
    }
    if (observed.requestBody() != null) {
      if (declared.requestBody() == null) {
        out.add("/requestBody");
      } else {
        for (MediaContent content : observed.requestBody().contents()) {
          JsonNode spec = schemaFor(declared.requestBody().contents(), content.mediaType());
          if (spec == null) {
            out.add("/requestBody/content/" + step(content.mediaType()));
          } else if (content.schema() != null) {
            fields(content.schema(), spec, defs, "/requestBody", out, 0);
          }
        }
      }
    }
    for (Response response : observed.responses()) {
      Response documented = declared.responses().stream().filter(r -> statusCovers(r.status(), response.status())).findFirst().orElse(null);
      if (documented == null) {
        out.add("/responses/" + response.status());
        continue;
      }
      for (MediaContent content : response.contents()) {
        JsonNode spec = schemaFor(documented.contents(), content.mediaType());
        if (spec != null && content.schema() != null) {
          fields(content.schema(), spec, defs, "/responses/" + response.status(), out, 0);
        }
      }
    }
    return out;
  }

  /** Walks the observed schema; every property the spec schema does not allow is reported. */
  private static void fields(JsonNode observed, JsonNode spec, Map<String, JsonNode> defs, String at, List<String> out, int depth) {
    if (depth > 16) {
      return;
    }
    spec = resolve(spec, defs, 0);
    if (spec == null || !spec.isObject()) {
      return;
    }
    JsonNode properties = observed.get("properties");
    if (properties != null) {
      Map<String, JsonNode> declared = declaredProperties(spec, defs, 0);
      boolean open = declared == null;
      Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String place = at + "/properties/" + step(field.getKey());
        JsonNode specField = open ? null : declared.get(field.getKey());
        if (!open && specField == null) {
          out.add(place);
        } else if (specField != null) {
          fields(field.getValue(), specField, defs, place, out, depth + 1);
        }
      }
    }
    JsonNode items = observed.get("items");
    JsonNode specItems = spec.get("items");
    if (items != null && specItems != null) {
      fields(items, specItems, defs, at + "/items", out, depth + 1);
    }
  }

  /** The properties a spec schema declares (allOf/oneOf/anyOf combined), or null when it allows any property. */
  private static Map<String, JsonNode> declaredProperties(JsonNode spec, Map<String, JsonNode> defs, int depth) {
    spec = resolve(spec, defs, depth);
    if (spec == null || depth > 16) {
      return null;
    }
    Map<String, JsonNode> all = new LinkedHashMap<>();
    boolean any = false;
    JsonNode properties = spec.get("properties");
    if (properties != null) {
      any = true;
      properties.fields().forEachRemaining(field -> all.putIfAbsent(field.getKey(), field.getValue()));
    }
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      for (JsonNode part : spec.path(combinator)) {
        Map<String, JsonNode> partProperties = declaredProperties(part, defs, depth + 1);
        if (partProperties == null) {
          return null;
        }
        any = true;
        partProperties.forEach(all::putIfAbsent);
      }
    }
    JsonNode additional = spec.get("additionalProperties");
    if (!any || (additional != null && !additional.isBoolean()) || (additional != null && additional.asBoolean())) {
      return null; // free-form object: everything is documented
    }
    return all;
  }

  private static JsonNode resolve(JsonNode schema, Map<String, JsonNode> defs, int depth) {
    while (schema != null && schema.has("$ref") && depth++ < 32) {
      String ref = schema.get("$ref").asText();
      schema = ref.startsWith("#/$defs/") ? defs.get(ref.substring("#/$defs/".length())) : null;
    }
    return schema;
  }

  private static JsonNode schemaFor(List<MediaContent> contents, String mediaType) {
    for (MediaContent content : contents) {
      if (content.mediaType().toLowerCase(Locale.ROOT).equals(mediaType) || content.mediaType().equals("*/*")) {
        return content.schema() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : content.schema();
      }
    }
    return null;
  }

  private static boolean statusCovers(String documented, String observed) {
    return documented.equals(observed) || documented.equalsIgnoreCase("default")
        || (documented.length() == 3 && documented.substring(1).equalsIgnoreCase("XX") && documented.charAt(0) == observed.charAt(0));
  }

  private static List<String> segments(String path) {
    return PathTemplater.split(path);
  }

  private static boolean isPlaceholder(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  private static String step(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static CapturedOperation renameSchemes(CapturedOperation op, Map<String, String> renames) {
    List<SecurityRequirement> security = op.security().stream().map(requirement -> {
      SortedMap<String, List<String>> schemes = new TreeMap<>();
      requirement.schemes().forEach((name, scopes) -> schemes.put(renames.getOrDefault(name, name), scopes));
      return new SecurityRequirement(schemes);
    }).toList();
    return new CapturedOperation(op.method(), op.baseUrl(), op.path(), op.operationId(), op.summary(), op.description(),
        op.tags(), op.deprecated(), op.parameters(), op.requestBody(), op.responses(), security, op.origin(), op.evidence(),
        op.graphql(), op.hints());
  }
}
