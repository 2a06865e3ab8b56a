package dev.cask.maven.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the shapes of real inputs that once failed, so that the unit tests and the corpus tests exercise the class and
 * not only one published file: a big document whose version field comes last, {@code $ref}s inside example values,
 * operations that one tool must cover or that must be left out, a HAR whose navigation returned JSON.
 */
public final class GeneratedShapes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private GeneratedShapes() {}

  /**
   * A description of at least {@code minBytes} whose version field ({@code openapi: 3.0.3} or {@code swagger: "2.0"})
   * is its last top-level field, after thousands of component schemas: key order is not significant.
   *
   * @param yaml whether to write YAML instead of JSON
   * @param swagger2 whether to write a Swagger 2.0 document instead of OpenAPI 3.0
   */
  public static Path lateVersionField(Path dir, String name, boolean yaml, boolean swagger2, int minBytes) {
    ObjectNode root = NODES.objectNode();
    ObjectNode schemas = swagger2 ? root.putObject("definitions") : root.putObject("components").putObject("schemas");
    int approxBytesPerSchema = 560; // a little less than each schema takes in either syntax: the file ends up larger
    for (int i = 0; i < minBytes / approxBytesPerSchema + 1; i++) {
      ObjectNode schema = schemas.putObject(String.format(java.util.Locale.ROOT, "Thing%05d", i));
      schema.put("type", "object").put("description", "A thing of kind " + i + ". " + "Lorem ipsum dolor sit amet. ".repeat(12));
      ObjectNode properties = schema.putObject("properties");
      properties.putObject("id").put("type", "integer").put("format", "int64");
      properties.putObject("name").put("type", "string").put("maxLength", 200);
      properties.putObject("next").put("$ref", (swagger2 ? "#/definitions/" : "#/components/schemas/")
          + String.format(java.util.Locale.ROOT, "Thing%05d", i == 0 ? 0 : i - 1));
    }
    ObjectNode get = root.putObject("paths").putObject("/things/{thingId}").putObject("get");
    get.put("operationId", "getThing");
    ObjectNode parameter = get.putArray("parameters").addObject().put("name", "thingId").put("in", "path").put("required", true);
    ObjectNode ok = get.putObject("responses").putObject("200").put("description", "The thing.");
    if (swagger2) {
      parameter.put("type", "integer");
      ok.putObject("schema").put("$ref", "#/definitions/Thing00001");
      root.put("host", "things.example.com");
      root.put("basePath", "/v1");
      root.putArray("schemes").add("https");
    } else {
      parameter.putObject("schema").put("type", "integer");
      ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Thing00001");
      root.putArray("servers").addObject().put("url", "https://things.example.com/v1");
    }
    root.putObject("info").put("title", "Late version field").put("version", "1.0");
    if (swagger2) {
      root.put("swagger", "2.0");
    } else {
      root.put("openapi", "3.0.3");
    }
    return write(dir.resolve(name), yaml ? yaml(root) : root.toPrettyString());
  }

  /**
   * An OpenAPI 3 description ({@code openapi} is {@code 3.0.3} or {@code 3.1.0}) with {@code $ref}s inside example
   * values everywhere examples may stand, as GitHub Enterprise Cloud's description has: parameter, header and media
   * type {@code example} and {@code examples.*.value}, component examples, schema {@code example}, {@code examples},
   * {@code default} and {@code enum}. None of them names a file that exists. Beside them stand real references that
   * must still be followed: an Example Object that is a reference, and a property named {@code example}.
   */
  public static Path refsInExamples(Path dir, String name, String openapi) {
    return write(dir.resolve(name), """
        openapi: %s
        info: {title: Refs in examples, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /stats:
            get:
              operationId: getStats
              parameters:
                - name: filter
                  in: query
                  schema: {type: object}
                  example: {$ref: "filters/missing.yaml"}
                - name: view
                  in: query
                  schema: {type: string}
                  examples:
                    literal: {value: {$ref: "views/missing.yaml#/x"}}
                    shared: {$ref: "#/components/examples/stats"}
              responses:
                "200":
                  description: Statistics.
                  headers:
                    X-Stats: {schema: {type: object}, example: {$ref: "headers/missing.yaml"}}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Stats"}
                      example: {actions_stats: {$ref: "server-statistics-actions.yaml"}}
                      examples:
                        default: {value: [{actions_stats: {$ref: "server-statistics-actions.yaml"}}]}
        components:
          examples:
            stats:
              summary: Shared example
              value: {$ref: "examples/missing.yaml"}
          schemas:
            Stats:
              type: object
              example: {$ref: "schemas/missing.yaml"}
              default: {$ref: "defaults/missing.yaml"}
              properties:
                example: {$ref: "#/components/schemas/Count"}
                mode: {type: object, enum: [{$ref: "enums/missing.yaml"}]}
                sample: {type: object, examples: [{$ref: "samples/missing.yaml"}]}
            Count: {type: integer, minimum: 0}
        """.formatted(openapi));
  }

  /** The Swagger 2.0 shape: a response's {@code examples} map media types to literal values. */
  public static Path refsInSwagger2Examples(Path dir, String name) {
    return write(dir.resolve(name), """
        swagger: "2.0"
        info: {title: Refs in examples, version: "1"}
        host: api.example.com
        schemes: [https]
        paths:
          /stats:
            get:
              operationId: getStats
              parameters:
                - {name: limit, in: query, type: integer, default: 10}
              responses:
                "200":
                  description: Statistics.
                  schema: {$ref: "#/definitions/Stats"}
                  examples:
                    application/json: {actions_stats: {$ref: "server-statistics-actions.yaml"}}
        definitions:
          Stats:
            type: object
            example: {$ref: "schemas/missing.yaml"}
            properties:
              example: {$ref: "#/definitions/Count"}
          Count: {type: integer}
        """);
  }

  /**
   * A HAR of navigations (Chrome's {@code _resourceType: document} and the webRequest {@code main_frame} and {@code
   * sub_frame}, or {@code Sec-Fetch-Dest: document}) of which some returned JSON: a page at {@code /}, then API URLs
   * opened as pages. Entry paths say what each one returned: {@code /api/json-*} JSON (by content type, or by body when
   * the type is missing or text/plain), {@code /help*} HTML or plain text.
   */
  public static Path jsonNavigationHar(Path dir, String name) {
    ObjectNode root = NODES.objectNode();
    ObjectNode log = root.putObject("log").put("version", "1.2");
    log.putObject("creator").put("name", "generated").put("version", "1");
    com.fasterxml.jackson.databind.node.ArrayNode entries = log.putArray("entries");
    entry(entries, "/", "document", null, "text/html", "<html><body>shop</body></html>");
    entry(entries, "/api/json-typed/orders/42", "document", null, "application/json", "{\"id\": 42, \"total\": 9.5}");
    entry(entries, "/api/json-sniffed/orders", "main_frame", null, null, "[{\"id\": 1}, {\"id\": 2}]");
    entry(entries, "/api/json-plain/status", "sub_frame", null, "text/plain", "{\"ok\": true}");
    entry(entries, "/api/json-fetch-dest/me", null, "document", "application/problem+json", "{\"title\": \"gone\"}");
    entry(entries, "/help", "document", null, "text/html; charset=utf-8", "<!doctype html><p>help</p>");
    entry(entries, "/help.txt", null, "document", "text/plain", "read the manual");
    return write(dir.resolve(name), root.toPrettyString());
  }

  private static void entry(
      com.fasterxml.jackson.databind.node.ArrayNode entries, String path, String resourceType, String fetchDest,
      String mimeType, String body) {
    ObjectNode entry = entries.addObject().put("startedDateTime", "2026-01-01T00:00:00.000Z").put("time", 5);
    ObjectNode request = entry.putObject("request").put("method", "GET").put("url", "https://shop.example.com" + path)
        .put("httpVersion", "HTTP/1.1");
    com.fasterxml.jackson.databind.node.ArrayNode headers = request.putArray("headers");
    if (fetchDest != null) {
      headers.addObject().put("name", "Sec-Fetch-Dest").put("value", fetchDest);
    }
    request.putArray("queryString");
    request.putArray("cookies");
    request.put("headersSize", -1).put("bodySize", -1);
    ObjectNode response = entry.putObject("response").put("status", 200).put("statusText", "OK").put("httpVersion", "HTTP/1.1");
    com.fasterxml.jackson.databind.node.ArrayNode responseHeaders = response.putArray("headers");
    if (mimeType != null) {
      responseHeaders.addObject().put("name", "Content-Type").put("value", mimeType);
    }
    response.putArray("cookies");
    ObjectNode content = response.putObject("content").put("size", body.length()).put("text", body);
    if (mimeType != null) {
      content.put("mimeType", mimeType);
    }
    response.put("redirectURL", "").put("headersSize", -1).put("bodySize", -1);
    entry.putObject("cache");
    entry.putObject("timings").put("send", 0).put("wait", 4).put("receive", 1);
    if (resourceType != null) {
      entry.put("_resourceType", resourceType);
    }
  }

  /** Paths of {@link #partlyUnsound}, each a shape that once stopped a whole real API. */
  public static final List<String> UNSOUND_PATHS = List.of(
      // Google's: two spellings of one HTTP operation (placeholder names differ)
      "/v1/{parent}",
      "/v1/{name}",
      // Notion's: a parameter without a name
      "/notes",
      // Codat's: a malformed sub-schema (a type JSON Schema does not know, a bound that is not a number)
      "/reports",
      // a parameter in a place OpenAPI 3 does not have
      "/uploads",
      // a security requirement naming a scheme the document does not declare
      "/private",
      // a path that does not start with '/'
      "relative/path",
      // sound operations beside them
      "/health",
      "/v1/{name}:cancel");

  /**
   * An OpenAPI 3.0 description with sound operations and the shapes of unsound ones that used to stop a whole API (see
   * {@link #UNSOUND_PATHS}). With {@code reversed} the paths are written in the opposite order: the outcome must not
   * depend on key order.
   */
  public static Path partlyUnsound(Path dir, String name, boolean reversed) {
    java.util.Map<String, String> paths = new java.util.LinkedHashMap<>();
    paths.put("/v1/{parent}", """
          get:
            operationId: listThings
            summary: List the things under a parent
            parameters:
              - {name: parent, in: path, required: true, schema: {type: string}}
              - {name: pageSize, in: query, schema: {type: integer}}
            responses: {'200': {description: ok}}
        """);
    paths.put("/v1/{name}", """
          get:
            operationId: getThing
            summary: Get a thing
            parameters:
              - {name: name, in: path, required: true, schema: {type: string}}
            responses: {'200': {description: ok}}
        """);
    paths.put("/notes", """
          get:
            operationId: listNotes
            parameters:
              - {in: query, schema: {type: string}}
            responses: {'200': {description: ok}}
        """);
    paths.put("/reports", """
          post:
            operationId: createReport
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      amount: {type: money}
                      pages: {type: integer, minimum: "five"}
            responses: {'201': {description: created}}
        """);
    paths.put("/uploads", """
          post:
            operationId: upload
            parameters:
              - {name: file, in: body, schema: {type: string}}
            responses: {'201': {description: created}}
        """);
    paths.put("/private", """
          get:
            operationId: getPrivate
            security: [{undeclared_scheme: []}]
            responses: {'200': {description: ok}}
        """);
    paths.put("relative/path", """
          get:
            operationId: relative
            responses: {'200': {description: ok}}
        """);
    paths.put("/health", """
          get:
            operationId: getHealth
            responses: {'200': {description: ok}}
        """);
    paths.put("/v1/{name}:cancel", """
          post:
            operationId: cancelThing
            parameters:
              - {name: name, in: path, required: true, schema: {type: string}}
            responses: {'200': {description: ok}}
        """);
    List<String> order = new java.util.ArrayList<>(paths.keySet());
    if (reversed) {
      java.util.Collections.reverse(order);
    }
    StringBuilder yaml = new StringBuilder("""
        openapi: 3.0.3
        info: {title: Partly unsound, version: "1"}
        servers: [{url: "https://api.example.com"}]
        components:
          securitySchemes:
            key: {type: apiKey, in: header, name: X-Key}
        paths:
        """);
    for (String path : order) {
      yaml.append("  '").append(path).append("':\n").append(paths.get(path).indent(2));
    }
    return write(dir.resolve(name), yaml.toString());
  }

  static String yaml(JsonNode root) {
    try {
      return CaskMappers.yaml().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
