package dev.cask.maven.importers.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells GraphQL requests apart from other JSON: a GraphQL-over-HTTP request is an object with a {@code query} that
 * graphql-java parses into an executable document selecting one operation (or an automatic persisted query: an
 * {@code extensions.persistedQuery} hash without the text), and nothing but {@code query}, {@code operationName},
 * {@code variables} and {@code extensions}; a batch is a non-empty array of such objects. A response, when there is a
 * JSON one, must have GraphQL's shape ({@code data} or {@code errors}; an array of them for a batch). Anything else is
 * not GraphQL and stays an ordinary HTTP operation: a search API's {@code {"query": "red shoes"}} does not parse.
 */
public final class GraphQlRequests {
  private static final Set<String> MEMBERS = Set.of("query", "operationName", "variables", "extensions");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private GraphQlRequests() {}

  /**
   * The GraphQL operations of a POST body, or null when it is not a GraphQL request.
   *
   * @param body the request's JSON body (redacted)
   * @param response the response's JSON body, or null when there is none or it is not JSON
   */
  public static List<GraphQlRequest> ofBody(JsonNode body, JsonNode response) {
    if (body == null) {
      return null;
    }
    if (body.isObject()) {
      if (response != null && !isResponse(response)) {
        return null;
      }
      GraphQlRequest one = single(body, response);
      return one == null ? null : List.of(one);
    }
    if (!body.isArray() || body.isEmpty()) {
      return null;
    }
    if (response != null && (!response.isArray() || response.size() != body.size())) {
      return null;
    }
    List<GraphQlRequest> batch = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode part = response == null ? null : response.get(i);
      if (part != null && !isResponse(part)) {
        return null;
      }
      GraphQlRequest one = single(body.get(i), part);
      if (one == null) {
        return null; // a batch is GraphQL only when every element is
      }
      batch.add(one);
    }
    return batch;
  }

  /**
   * The GraphQL operation of a GET request (its {@code query}, {@code operationName}, {@code variables} and
   * {@code extensions} query parameters, the last two JSON text), or null when it is not one.
   */
  public static List<GraphQlRequest> ofQuery(JsonNode queryParameters, JsonNode response) {
    if (queryParameters == null || !queryParameters.isObject() || (!queryParameters.has("query")
        && !queryParameters.has("extensions"))) {
      return null;
    }
    var request = JsonNodeFactory.instance.objectNode();
    Iterator<String> names = queryParameters.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode value = queryParameters.get(name);
      if (!value.isTextual()) {
        return null;
      }
      if (name.equals("variables") || name.equals("extensions")) {
        try {
          request.set(name, dev.cask.runtime.json.CaskMappers.json().readTree(value.asText()));
        } catch (Exception e) {
          return null;
        }
      } else {
        request.set(name, value);
      }
    }
    return ofBody(request, response);
  }

  private static GraphQlRequest single(JsonNode request, JsonNode response) {
    if (!request.isObject() || request.isEmpty()) {
      return null;
    }
    Iterator<String> names = request.fieldNames();
    while (names.hasNext()) {
      if (!MEMBERS.contains(names.next())) {
        return null;
      }
    }
    JsonNode query = request.get("query");
    JsonNode name = request.get("operationName");
    JsonNode variables = request.get("variables");
    if ((query != null && !query.isTextual() && !query.isNull()) || (name != null && !name.isTextual() && !name.isNull())
        || (variables != null && !variables.isObject() && !variables.isNull())) {
      return null;
    }
    String hash = persistedHash(request.get("extensions"));
    JsonNode vars = variables == null || variables.isNull() ? JsonNodeFactory.instance.objectNode() : variables;
    if (query == null || query.isNull()) {
      return hash == null ? null : new GraphQlRequest(null, hash, vars, response);
    }
    ParsedOperation operation =
        GraphQlDocuments.operation(query.asText(), name == null || name.isNull() ? null : name.asText());
    if (operation == null) {
      return null;
    }
    // A hash is kept only when it is the hash of the text that came with it: a later hash-only request is then known.
    String verified = hash != null && hash.equals(sha256(query.asText())) ? hash : null;
    return new GraphQlRequest(operation, verified, vars, response);
  }

  private static String persistedHash(JsonNode extensions) {
    JsonNode hash = extensions == null ? null : extensions.path("persistedQuery").get("sha256Hash");
    return hash != null && hash.isTextual() && SHA256.matcher(hash.asText()).matches()
        ? hash.asText().toLowerCase(Locale.ROOT) : null;
  }

  /** A GraphQL response: an object with {@code data} or {@code errors}. */
  private static boolean isResponse(JsonNode response) {
    return response.isObject() && (response.has("data") || response.has("errors"));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
