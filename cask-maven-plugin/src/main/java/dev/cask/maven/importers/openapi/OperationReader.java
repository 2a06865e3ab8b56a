package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cask.maven.importers.HostPatterns;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks {@code /paths} of an OpenAPI 3 tree in document order and builds one {@link CapturedOperation} per operation:
 * parameters (path-level merged with operation-level, the operation winning), request body, responses, effective
 * security and base URL. Operations whose host {@code allowHosts} does not allow are skipped and counted.
 */
final class OperationReader {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** OpenAPI says header parameters with these names are ignored: the body and security fields describe them. */
  private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^/{}]+)}");
  private static final Comparator<Response> BY_STATUS =
      Comparator.comparing((Response response) -> response.status().equals("default")).thenComparing(Response::status);

  private final SpecDocuments documents;
  private final References references;
  private final SharedSchemas schemas;
  private final ServerUrls servers;
  private final String documentBaseUrl;
  private final HostPatterns allowedHosts;
  private final Set<String> declaredSchemes;
  private final BuildLog log;
  private final String displayPath;
  private final Set<String> hostsDropped = new TreeSet<>();
  private final List<LeftOutOperation> leftOut = new ArrayList<>();
  private int droppedCount;

  OperationReader(
      SpecDocuments documents,
      SharedSchemas schemas,
      ServerUrls servers,
      String documentBaseUrl,
      HostPatterns allowedHosts,
      Set<String> declaredSchemes,
      BuildLog log) {
    this.documents = documents;
    this.references = new References(documents);
    this.schemas = schemas;
    this.servers = servers;
    this.documentBaseUrl = documentBaseUrl;
    this.allowedHosts = allowedHosts;
    this.declaredSchemes = declaredSchemes;
    this.log = log;
    this.displayPath = documents.root().displayPath();
  }

  /** An operation as declared, before it is read: enough to know its identity. */
  private record Declared(String path, Located item, Located operation, String origin, String baseUrl, OperationKey key) {
    /** The full path on the host as written, which decides among operations that differ only in placeholder names. */
    String fullPath() {
      return key.pathTemplate();
    }
  }

  /**
   * Every sound operation allowed by {@code allowHosts}, in document order. An operation that is not sound is left out
   * ({@link #leftOut()}) instead of failing the document; of operations that differ only in placeholder names (one HTTP
   * operation), the one whose full path sorts first is read and the others are left out as covered by it.
   */
  List<CapturedOperation> read() {
    Map<OperationKey, List<Declared>> byKey = new LinkedHashMap<>();
    for (Declared declared : declareAll()) {
      byKey.computeIfAbsent(declared.key(), key -> new ArrayList<>()).add(declared);
    }
    List<CapturedOperation> operations = new ArrayList<>();
    for (List<Declared> spellings : byKey.values()) {
      List<Declared> ordered = spellings.stream()
          .sorted(Comparator.comparing(Declared::fullPath).thenComparing(Declared::origin)).toList();
      Declared kept = null;
      for (Declared declared : ordered) {
        if (kept != null) {
          leftOut.add(new LeftOutOperation(displayPath, declared.origin(), spelling(declared),
              "the same HTTP operation as " + spelling(kept) + " (" + kept.origin() + "): only the placeholder names"
                  + " differ, so one tool covers both", kept.origin()));
          continue;
        }
        SharedSchemas.Mark mark = schemas.mark();
        try {
          operations.add(operation(declared));
          kept = declared;
        } catch (CaskException unsound) {
          schemas.rollback(mark);
          leaveOut(declared.origin(), spelling(declared), unsound);
        }
      }
    }
    return operations;
  }

  /** Operations left out, in the order found. */
  List<LeftOutOperation> leftOut() {
    return List.copyOf(leftOut);
  }

  /** Every operation of the document whose identity is known, in document order; the others are left out. */
  private List<Declared> declareAll() {
    SpecDocument root = documents.root();
    Located paths = new Located(root, "/paths", root.root().path("paths"));
    List<Declared> declared = new ArrayList<>();
    for (Iterator<String> it = paths.node().fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (path.startsWith("x-")) {
        continue;
      }
      Located entry = paths.child(path);
      Located item;
      try {
        if (!path.startsWith("/")) {
          throw new CaskException(displayPath, entry.pointer(), "path '" + path + "' does not start with '/'",
              "write the path template starting with '/'");
        }
        item = references.follow(entry);
      } catch (CaskException unsound) {
        leaveOut(entry.pointer(), null, unsound);
        continue;
      }
      for (Iterator<String> keys = item.node().fieldNames(); keys.hasNext(); ) {
        String method = keys.next();
        if (!METHODS.contains(method)) {
          continue;
        }
        String origin = Pointers.append(entry.pointer(), method);
        String spelling = method.toUpperCase(Locale.ROOT) + " " + path;
        try {
          Located operation = item.child(method);
          if (!operation.node().isObject()) {
            throw new CaskException(displayPath, origin, "operation is not an object", "describe the operation as a mapping");
          }
          String baseUrl = baseUrl(item, operation);
          if (!allowedHosts.allows(baseUrl)) {
            droppedCount++;
            hostsDropped.add(CapturedOperation.hostOf(baseUrl));
            continue;
          }
          CapturedOperation probe = new CapturedOperation(HttpMethod.parse(method), baseUrl, path, null, null, null,
              List.of(), false, List.of(), null, List.of(), List.of(), new SourceRef(displayPath, origin), null);
          declared.add(new Declared(path, item, operation, origin, baseUrl, probe.key()));
        } catch (CaskException unsound) {
          leaveOut(origin, spelling, unsound);
        } catch (IllegalArgumentException unsound) { // a path or base URL the model refuses
          leaveOut(origin, spelling, new CaskException(displayPath, origin, unsound.getMessage(), null));
        }
      }
    }
    return declared;
  }

  private void leaveOut(String origin, String spelling, CaskException unsound) {
    boolean here = unsound.subject().equals(displayPath) && unsound.location() != null;
    String place = here ? unsound.location() : origin;
    String elsewhere = here || unsound.subject().equals(displayPath) ? ""
        : " (in " + unsound.subject() + (unsound.location() == null ? "" : " at " + unsound.location()) + ")";
    String fix = unsound.fix() == null ? "" : ". Fix: " + unsound.fix();
    leftOut.add(new LeftOutOperation(displayPath, place, spelling, unsound.problem() + elsewhere + fix, null));
  }

  private static String spelling(Declared declared) {
    return Pointers.lastToken(declared.origin()).toUpperCase(Locale.ROOT) + " " + declared.path();
  }

  int droppedCount() {
    return droppedCount;
  }

  /** Hosts of the dropped operations, sorted. */
  Set<String> droppedHosts() {
    return hostsDropped;
  }

  private CapturedOperation operation(Declared declared) {
    Located operation = declared.operation();
    JsonNode node = operation.node();
    return new CapturedOperation(
        HttpMethod.parse(Pointers.lastToken(declared.origin())),
        declared.baseUrl(),
        declared.path(),
        JsonValues.text(node, "operationId"),
        JsonValues.text(node, "summary"),
        JsonValues.text(node, "description"),
        tags(node.path("tags")),
        node.path("deprecated").asBoolean(false),
        parameters(declared.path(), declared.item(), operation),
        requestBody(operation.child("requestBody")),
        responses(operation.child("responses")),
        security(operation),
        new SourceRef(displayPath, declared.origin()),
        null);
  }

  private String baseUrl(Located item, Located operation) {
    String url = servers.first(operation.child("servers"));
    if (url == null) {
      url = servers.first(item.child("servers"));
    }
    return url != null ? url : documentBaseUrl != null ? documentBaseUrl : servers.fallback();
  }

  private List<Parameter> parameters(String path, Located item, Located operation) {
    Map<String, Parameter> merged = new LinkedHashMap<>();
    addParameters(merged, item.child("parameters"));
    addParameters(merged, operation.child("parameters"));
    Set<String> declaredPathNames = new TreeSet<>();
    merged.values().stream().filter(p -> p.in() == ParameterLocation.PATH).forEach(p -> declaredPathNames.add(p.name()));
    Matcher placeholders = PLACEHOLDER.matcher(path);
    while (placeholders.find()) {
      String name = placeholders.group(1);
      if (declaredPathNames.add(name)) {
        log.warn(displayPath + " at " + operation.pointer() + ": path parameter {" + name
            + "} is not declared; treating it as a required string");
        merged.put("path:" + name, new Parameter(name, ParameterLocation.PATH, true,
            JsonNodeFactory.instance.objectNode().put("type", "string"), null, null, null, false));
      }
    }
    return List.copyOf(merged.values());
  }

  private void addParameters(Map<String, Parameter> merged, Located list) {
    if (!list.isPresent()) {
      return;
    }
    if (!list.node().isArray()) {
      throw new CaskException(list.document().displayPath(), list.pointer(), "parameters is not a list",
          "write parameters as a list");
    }
    for (int i = 0; i < list.node().size(); i++) {
      Located parameter = references.follow(list.item(i));
      Parameter read = parameter(parameter);
      if (read == null) {
        continue;
      }
      String name = read.in() == ParameterLocation.HEADER ? read.name().toLowerCase(Locale.ROOT) : read.name();
      merged.put(read.in().wireName() + ":" + name, read);
    }
  }

  private Parameter parameter(Located parameter) {
    JsonNode node = parameter.node();
    String where = parameter.document().displayPath();
    if (!node.path("name").isTextual() || node.path("name").asText().isEmpty()) {
      throw new CaskException(where, parameter.pointer(), "parameter has no name", "add the parameter's name");
    }
    String in = node.path("in").asText("");
    ParameterLocation location;
    try {
      location = ParameterLocation.parse(in);
    } catch (IllegalArgumentException e) {
      throw new CaskException(where, parameter.pointer() + "/in",
          "parameter location '" + in + "' is not one of path, query, header, cookie",
          "use one of path, query, header, cookie (bodies belong in requestBody)");
    }
    String name = node.get("name").asText();
    if (location == ParameterLocation.HEADER && IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      log.debug(where + " at " + parameter.pointer() + ": ignoring header parameter " + name
          + " (OpenAPI takes it from the content types and security schemes)");
      return null;
    }
    return new Parameter(
        name,
        location,
        location == ParameterLocation.PATH || node.path("required").asBoolean(false),
        parameterSchema(parameter),
        JsonValues.text(node, "style"),
        node.path("explode").isBoolean() ? node.get("explode").asBoolean() : null,
        JsonValues.text(node, "description"),
        node.path("deprecated").asBoolean(false));
  }

  private JsonNode parameterSchema(Located parameter) {
    Located schema = parameter.child("schema");
    if (!schema.isPresent()) {
      Located content = parameter.child("content");
      Iterator<String> types = content.node().fieldNames();
      if (types.hasNext()) {
        schema = content.child(types.next()).child("schema");
      }
    }
    if (!schema.isPresent()) {
      return JsonNodeFactory.instance.objectNode();
    }
    return schemas.convert(schema.document(), schema.node(), schema.pointer());
  }

  private RequestBody requestBody(Located declared) {
    if (!declared.isPresent()) {
      return null;
    }
    Located body = references.follow(declared);
    return new RequestBody(
        body.node().path("required").asBoolean(false), JsonValues.text(body.node(), "description"), contents(body.child("content")));
  }

  private List<Response> responses(Located declared) {
    if (!declared.isPresent()) {
      return List.of();
    }
    List<Response> responses = new ArrayList<>();
    for (Iterator<String> it = declared.node().fieldNames(); it.hasNext(); ) {
      String status = it.next();
      if (status.startsWith("x-")) {
        continue;
      }
      Located response = references.follow(declared.child(status));
      responses.add(new Response(
          status.toUpperCase(Locale.ROOT).equals("DEFAULT") ? "default" : status.toUpperCase(Locale.ROOT),
          JsonValues.text(response.node(), "description"),
          contents(response.child("content"))));
    }
    responses.sort(BY_STATUS);
    return responses;
  }

  private List<MediaContent> contents(Located content) {
    List<MediaContent> contents = new ArrayList<>();
    for (Iterator<String> it = content.node().fieldNames(); it.hasNext(); ) {
      String mediaType = it.next();
      Located schema = content.child(mediaType).child("schema");
      contents.add(new MediaContent(
          mediaType,
          schema.isPresent() ? schemas.convert(schema.document(), schema.node(), schema.pointer()) : null));
    }
    return contents;
  }

  private List<SecurityRequirement> security(Located operation) {
    Located requirements = operation.child("security");
    if (!requirements.isPresent()) {
      SpecDocument root = documents.root();
      requirements = new Located(root, "/security", root.root().path("security"));
    }
    List<SecurityRequirement> alternatives = new ArrayList<>();
    for (int i = 0; i < requirements.node().size(); i++) {
      Located requirement = requirements.item(i);
      Map<String, List<String>> schemes = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : requirement.node().properties()) {
        if (!declaredSchemes.contains(entry.getKey())) {
          throw new CaskException(requirement.document().displayPath(), Pointers.append(requirement.pointer(), entry.getKey()),
              "security requirement names the scheme '" + entry.getKey() + "', which components.securitySchemes"
                  + " does not declare",
              "declare the scheme, or correct its name");
        }
        List<String> scopes = new ArrayList<>();
        entry.getValue().forEach(scope -> scopes.add(scope.asText()));
        schemes.put(entry.getKey(), scopes);
      }
      alternatives.add(new SecurityRequirement(new TreeMap<>(schemes)));
    }
    return alternatives;
  }

  private static List<String> tags(JsonNode tags) {
    List<String> out = new ArrayList<>();
    tags.forEach(tag -> out.add(tag.asText()));
    return out;
  }
}
