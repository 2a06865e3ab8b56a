package dev.cask.maven.importers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.Redaction;
import dev.cask.runtime.model.capture.RequestBody;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Merges the captures of several files into one, in input order.
 *
 * <p>A shared schema name already taken by an earlier file is renamed {@code Name_2} ({@code _3}...) and every
 * reference to it in that file's schemas and operations is rewritten. A security scheme name taken by an earlier file
 * with a different definition is renamed the same way (the same definition under the same name is kept once). The
 * same operation in two files is an error naming both: which one a tool should follow is the user's decision.
 */
final class CaptureMerger {
  private final List<CaptureSource> sources = new ArrayList<>();
  private final List<CapturedOperation> operations = new ArrayList<>();
  private final Map<OperationKey, CapturedOperation> operationsByKey = new HashMap<>();
  private final SortedMap<String, JsonNode> schemas = new TreeMap<>();
  private final SortedMap<String, SecurityScheme> securitySchemes = new TreeMap<>();
  private final List<Redaction> redactions = new ArrayList<>();
  private final List<LeftOutOperation> leftOut = new ArrayList<>();

  void add(Capture capture) {
    Map<String, String> schemaRenames = renames(schemas.keySet(), capture.schemas().keySet(), name -> true);
    Map<String, String> schemeRenames =
        renames(securitySchemes.keySet(), capture.securitySchemes().keySet(),
            name -> !securitySchemes.get(name).equals(capture.securitySchemes().get(name)));
    for (CapturedOperation operation : capture.operations()) {
      CapturedOperation renamed = rename(operation, schemaRenames, schemeRenames);
      CapturedOperation earlier = operationsByKey.putIfAbsent(renamed.key(), renamed);
      if (earlier != null) {
        throw new CaskException(
            renamed.origin().source(),
            renamed.origin().locator(),
            "declares the operation " + renamed.key().id() + ", which " + earlier.origin() + " declares too",
            "import only one of the two files, or remove the operation from one of them");
      }
      operations.add(renamed);
    }
    capture.schemas().forEach((name, schema) ->
        schemas.put(schemaRenames.getOrDefault(name, name), SchemaRefs.rename(schema, schemaRenames)));
    capture.securitySchemes().forEach((name, scheme) ->
        securitySchemes.putIfAbsent(schemeRenames.getOrDefault(name, name), scheme));
    sources.addAll(capture.sources());
    redactions.addAll(capture.redactions());
    leftOut.addAll(capture.leftOutOperations());
  }

  Capture result() {
    return Capture.of(sources, operations, schemas, securitySchemes, redactions).withLeftOut(leftOut);
  }

  /** New names for the incoming names that clash with taken ones: {@code Name_2}, {@code Name_3}... */
  private static Map<String, String> renames(
      Set<String> taken, Set<String> incoming, java.util.function.Predicate<String> clashes) {
    Map<String, String> renames = new TreeMap<>();
    Set<String> used = new HashSet<>(taken);
    used.addAll(incoming);
    for (String name : incoming) {
      if (taken.contains(name) && clashes.test(name)) {
        int suffix = 2;
        while (used.contains(name + "_" + suffix)) {
          suffix++;
        }
        renames.put(name, name + "_" + suffix);
        used.add(name + "_" + suffix);
      }
    }
    return renames;
  }

  private static CapturedOperation rename(
      CapturedOperation operation, Map<String, String> schemaRenames, Map<String, String> schemeRenames) {
    if (schemaRenames.isEmpty() && schemeRenames.isEmpty()) {
      return operation;
    }
    List<Parameter> parameters = operation.parameters().stream()
        .map(p -> new Parameter(p.name(), p.in(), p.required(), SchemaRefs.rename(p.schema(), schemaRenames),
            p.style(), p.explode(), p.description(), p.deprecated()))
        .toList();
    RequestBody body = operation.requestBody() == null ? null
        : new RequestBody(operation.requestBody().required(), operation.requestBody().description(),
            contents(operation.requestBody().contents(), schemaRenames));
    List<Response> responses = operation.responses().stream()
        .map(r -> new Response(r.status(), r.description(), contents(r.contents(), schemaRenames)))
        .toList();
    List<SecurityRequirement> security = operation.security().stream()
        .map(requirement -> {
          SortedMap<String, List<String>> schemes = new TreeMap<>();
          requirement.schemes().forEach((name, scopes) -> schemes.put(schemeRenames.getOrDefault(name, name), scopes));
          return new SecurityRequirement(schemes);
        })
        .toList();
    return new CapturedOperation(operation.method(), operation.baseUrl(), operation.path(), operation.operationId(),
        operation.summary(), operation.description(), operation.tags(), operation.deprecated(), parameters, body,
        responses, security, operation.origin(), operation.evidence(), operation.graphql(),
        operation.hints());
  }

  private static List<MediaContent> contents(List<MediaContent> contents, Map<String, String> renames) {
    return contents.stream().map(c -> new MediaContent(c.mediaType(), SchemaRefs.rename(c.schema(), renames))).toList();
  }
}
