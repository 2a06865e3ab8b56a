package dev.cask.maven.importers.openapi;

import static dev.cask.maven.importers.openapi.Fixtures.json;
import static dev.cask.maven.importers.openapi.Fixtures.operation;
import static dev.cask.maven.importers.openapi.Fixtures.parameter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.capture.SourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OpenApiImporterTest {
  private static final Capture PETSTORE_30 = Fixtures.read("petstore-30.yaml");

  @Test
  void recordsTheSource() throws Exception {
    byte[] bytes = Files.readAllBytes(Fixtures.path("petstore-30.yaml"));
    assertThat(PETSTORE_30.sources()).containsExactly(new CaptureSource(
        SourceKind.OPENAPI, "openapi/petstore-30.yaml", CanonicalJson.sha256Hex(bytes), "Petstore 3.0", "1.2.3"));
  }

  @Test
  void usesTheFirstServerWithItsBasePathAndNoTrailingSlash() {
    assertThat(PETSTORE_30.operations()).extracting(CapturedOperation::baseUrl).containsOnly("https://api.example.com/v1");
    assertThat(operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}").key().id())
        .isEqualTo("GET api.example.com/v1/users/{}");
  }

  @Test
  void keepsOperationMetadataAndOrigin() {
    CapturedOperation get = operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}");
    assertThat(get.operationId()).isEqualTo("getUser");
    assertThat(get.summary()).isEqualTo("Get a user");
    assertThat(get.description()).isEqualTo("Returns one user.");
    assertThat(get.tags()).containsExactly("users");
    assertThat(get.deprecated()).isFalse();
    assertThat(get.origin()).isEqualTo(new SourceRef("openapi/petstore-30.yaml", "/paths/~1users~1{userId}/get"));
    assertThat(operation(PETSTORE_30, HttpMethod.DELETE, "/users/{userId}").deprecated()).isTrue();
  }

  @Test
  void mergesPathLevelParametersWithOperationLevelOnesTheOperationWinning() {
    CapturedOperation get = operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}");
    assertThat(get.parameters()).extracting(Parameter::name)
        .containsExactly("userId", "verbose", "X-Trace", "fields", "filter", "session");
    Parameter verbose = parameter(get, "verbose");
    assertThat(verbose.description()).isEqualTo("Operation-level override.");
    assertThat(verbose.required()).isTrue();
    assertThat(verbose.schema()).isEqualTo(json("{\"type\":\"boolean\",\"default\":true}"));
    // The DELETE has no parameters of its own: it gets the path-level ones, the $ref'd one resolved.
    Parameter inherited = parameter(operation(PETSTORE_30, HttpMethod.DELETE, "/users/{userId}"), "verbose");
    assertThat(inherited.description()).isEqualTo("Path-level verbose flag.");
    assertThat(inherited.required()).isFalse();
  }

  @Test
  void keepsParameterLocationsStylesAndSchemas() {
    CapturedOperation get = operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}");
    assertThat(parameter(get, "userId")).isEqualTo(new Parameter("userId", ParameterLocation.PATH, true,
        json("{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":1}"), null, null, "The user's id.", false));
    Parameter fields = parameter(get, "fields");
    assertThat(fields.in()).isEqualTo(ParameterLocation.QUERY);
    assertThat(fields.style()).isEqualTo("form");
    assertThat(fields.explode()).isFalse();
    assertThat(fields.schema()).isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"id\",\"name\"]}}"));
    assertThat(parameter(get, "filter").style()).isEqualTo("deepObject");
    assertThat(parameter(get, "filter").explode()).isTrue();
    assertThat(parameter(get, "X-Trace").in()).isEqualTo(ParameterLocation.HEADER);
    Parameter session = parameter(get, "session");
    assertThat(session.in()).isEqualTo(ParameterLocation.COOKIE);
    assertThat(session.deprecated()).isTrue();
    // OpenAPI says an Accept header parameter is ignored.
    assertThat(get.parameters()).extracting(Parameter::name).doesNotContain("Accept");
  }

  @Test
  void resolvesReferencedRequestBodiesAndResponses() {
    CapturedOperation create = operation(PETSTORE_30, HttpMethod.POST, "/pets");
    assertThat(create.requestBody().required()).isTrue();
    assertThat(create.requestBody().description()).isEqualTo("The pet to create.");
    assertThat(create.requestBody().contents())
        .containsExactly(new MediaContent("application/json", json("{\"$ref\":\"#/$defs/Pet\"}")));
    CapturedOperation get = operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}");
    assertThat(get.responses()).extracting(r -> r.status()).containsExactly("200", "4XX", "default");
    assertThat(get.responses().get(1).description()).isEqualTo("A problem.");
    assertThat(get.responses().get(1).contents())
        .containsExactly(new MediaContent("application/problem+json", json("{\"$ref\":\"#/$defs/Problem\"}")));
    assertThat(get.responses().get(2).contents()).isEmpty();
  }

  @Test
  void keepsFormMultipartAndOtherBodiesPerMediaType() {
    CapturedOperation upload = operation(PETSTORE_30, HttpMethod.PUT, "/pets/{petId}/photo");
    assertThat(upload.requestBody().contents()).extracting(MediaContent::mediaType)
        .containsExactly("multipart/form-data", "application/x-www-form-urlencoded", "application/octet-stream");
    assertThat(upload.requestBody().contents().get(0).schema()).isEqualTo(json(
        "{\"type\":\"object\",\"required\":[\"file\"],\"properties\":{\"file\":{\"type\":\"string\",\"format\":\"binary\"},"
            + "\"caption\":{\"type\":\"string\",\"maxLength\":140}}}"));
    assertThat(upload.requestBody().contents().get(1).schema().at("/properties/url/format").asText()).isEqualTo("uri");
    assertThat(upload.requestBody().contents().get(2).schema()).isNull();
  }

  @Test
  void keepsReachableComponentSchemasAsDefsWithNullableCompositionAndDiscriminator() {
    assertThat(PETSTORE_30.schemas().keySet()).containsExactly("Cat", "Dog", "Pet", "Problem", "User");
    assertThat(PETSTORE_30.schemas().get("User")).isEqualTo(json("""
        {"type":"object","required":["id"],"properties":{
          "id":{"type":"integer","format":"int64","readOnly":true},
          "nickname":{"type":["string","null"],"examples":["rex"]},
          "status":{"type":["string","null"],"enum":["active","gone",null]},
          "score":{"type":"number","maximum":100,"exclusiveMinimum":0},
          "createdOn":{"type":"string","format":"date","default":"2020-01-01"},
          "best":{"anyOf":[{"allOf":[{"$ref":"#/$defs/Pet"}]},{"type":"null"}]},
          "secret":{"type":"string","writeOnly":true}}}
        """));
    assertThat(PETSTORE_30.schemas().get("Pet").get("discriminator")).isEqualTo(json(
        "{\"propertyName\":\"kind\",\"mapping\":{\"cat\":\"#/$defs/Cat\",\"dog\":\"#/$defs/Dog\"}}"));
    assertThat(PETSTORE_30.schemas().get("Dog").at("/allOf/1/properties/barks"))
        .isEqualTo(json("{\"type\":\"boolean\",\"deprecated\":true}"));
  }

  @Test
  void appliesOperationSecurityOverDocumentSecurityAndAnEmptyListMeansNone() {
    assertThat(operation(PETSTORE_30, HttpMethod.GET, "/users/{userId}").security())
        .containsExactly(requirement(Map.of("bearer", List.of())));
    assertThat(operation(PETSTORE_30, HttpMethod.DELETE, "/users/{userId}").security()).isEmpty();
    assertThat(operation(PETSTORE_30, HttpMethod.POST, "/pets").security()).containsExactly(
        requirement(Map.of("oauth", List.of("pets:write"), "apiKey", List.of())),
        requirement(Map.of("bearer", List.of())));
  }

  @Test
  void readsSecuritySchemesWithEveryOauthScope() {
    assertThat(PETSTORE_30.securitySchemes()).containsOnlyKeys("apiKey", "bearer", "oauth");
    assertThat(PETSTORE_30.securitySchemes().get("bearer"))
        .isEqualTo(new SecurityScheme("http", "bearer", null, null, List.of(), null));
    assertThat(PETSTORE_30.securitySchemes().get("apiKey")).isEqualTo(
        new SecurityScheme("apiKey", null, "header", "X-API-Key", List.of(), "The key from the dashboard."));
    assertThat(PETSTORE_30.securitySchemes().get("oauth").scopes()).containsExactly("admin", "pets:read", "pets:write");
  }

  @Test
  void readsSwagger20ThroughSwaggerParsersConversion() {
    Capture capture = Fixtures.read("swagger-20.yaml");
    assertThat(capture.operations()).extracting(CapturedOperation::baseUrl).containsOnly("https://store.example.com:8443/api");
    CapturedOperation get = operation(capture, HttpMethod.GET, "/orders/{orderId}");
    assertThat(get.key().id()).isEqualTo("GET store.example.com:8443/api/orders/{}");
    assertThat(get.parameters()).extracting(Parameter::name).containsExactly("orderId", "expand", "since");
    assertThat(parameter(get, "orderId").schema()).isEqualTo(json("{\"type\":\"integer\",\"format\":\"int64\"}"));
    assertThat(parameter(get, "expand").explode()).isFalse();
    assertThat(parameter(get, "since").schema())
        .isEqualTo(json("{\"type\":\"string\",\"format\":\"date\",\"default\":\"2020-01-01\"}"));
    assertThat(get.responses().get(0).contents())
        .containsExactly(new MediaContent("application/json", json("{\"$ref\":\"#/$defs/Order\"}")));
    assertThat(get.security()).containsExactly(requirement(Map.of("key", List.of())));
    CapturedOperation create = operation(capture, HttpMethod.POST, "/orders");
    assertThat(create.requestBody().required()).isTrue();
    assertThat(create.requestBody().contents())
        .containsExactly(new MediaContent("application/json", json("{\"$ref\":\"#/$defs/Order\"}")));
    assertThat(create.security()).containsExactly(requirement(Map.of("oauth", List.of("write"))));
    CapturedOperation upload = operation(capture, HttpMethod.POST, "/orders/{orderId}/receipt");
    MediaContent form = upload.requestBody().contents().get(0);
    assertThat(form.mediaType()).isEqualTo("multipart/form-data");
    assertThat(form.schema().at("/properties/file")).isEqualTo(json("{\"type\":\"string\",\"format\":\"binary\"}"));
    assertThat(form.schema().at("/required")).isEqualTo(json("[\"file\"]"));
    assertThat(capture.schemas().get("Order").at("/properties/items/items")).isEqualTo(json("{\"$ref\":\"#/$defs/Order\"}"));
    assertThat(capture.securitySchemes().get("basic")).isEqualTo(new SecurityScheme("http", "basic", null, null, List.of(), null));
    assertThat(capture.securitySchemes().get("key").in()).isEqualTo("query");
    assertThat(capture.securitySchemes().get("oauth").scopes()).containsExactly("read", "write");
    assertThat(capture.sources().get(0).title()).isEqualTo("Swagger Store");
  }

  @Test
  void readsOpenApi31SchemasAsTheyAre() {
    Capture capture = Fixtures.read("petstore-31.json");
    CapturedOperation patch = operation(capture, HttpMethod.PATCH, "/pets/{id}");
    assertThat(parameter(patch, "id").schema()).isEqualTo(json("{\"type\":\"string\",\"const\":\"x\",\"examples\":[\"x\"]}"));
    // 3.1 keeps keywords beside $ref.
    assertThat(patch.requestBody().contents().get(0).schema())
        .isEqualTo(json("{\"$ref\":\"#/$defs/Pet\",\"description\":\"Fields to change.\"}"));
    assertThat(patch.responses()).isEmpty();
    assertThat(capture.schemas().get("Pet")).isEqualTo(json("""
        {"type":["object","null"],"properties":{
          "name":{"type":["string","null"],"nullable":true},
          "tags":{"type":"array","prefixItems":[{"type":"string"}],"items":false},
          "weight":{"type":"number","exclusiveMinimum":0,"examples":[3.5]},
          "big":{"type":"integer","default":12345678901234567890}}}
        """));
  }

  @Test
  void circularSchemasBecomeDefsThatReferToThemselves() {
    Capture capture = Fixtures.read("circular.yaml");
    CapturedOperation post = operation(capture, HttpMethod.POST, "/trees");
    assertThat(post.requestBody().contents().get(0).schema()).isEqualTo(json("{\"$ref\":\"#/$defs/Node\"}"));
    assertThat(capture.schemas().keySet()).containsExactly("Node", "Parent");
    assertThat(capture.schemas().get("Node").at("/properties/children/items")).isEqualTo(json("{\"$ref\":\"#/$defs/Node\"}"));
    assertThat(capture.schemas().get("Parent").at("/properties/node")).isEqualTo(json("{\"$ref\":\"#/$defs/Node\"}"));
  }

  @Test
  void resolvesRelativeFileReferencesIntoNamedDefs() {
    Capture capture = Fixtures.read("split/api.yaml");
    CapturedOperation get = operation(capture, HttpMethod.GET, "/pets");
    assertThat(get.parameters()).containsExactly(new Parameter("limit", ParameterLocation.QUERY, false,
        json("{\"type\":\"integer\",\"maximum\":100}"), null, null, null, false));
    // The document's own component "Pet" keeps its name; the file's Pet gets the next free one.
    assertThat(get.responses().get(0).contents().get(0).schema())
        .isEqualTo(json("{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Pet_2\"}}"));
    assertThat(capture.schemas().keySet()).containsExactly("Owner", "Pet_2", "Tag");
    assertThat(capture.schemas().get("Pet_2").at("/properties/owner")).isEqualTo(json("{\"$ref\":\"#/$defs/Owner\"}"));
    assertThat(capture.schemas().get("Pet_2").at("/properties/tag")).isEqualTo(json("{\"$ref\":\"#/$defs/Tag\"}"));
    assertThat(capture.schemas().get("Owner").at("/properties/pets/items")).isEqualTo(json("{\"$ref\":\"#/$defs/Pet_2\"}"));
    assertThat(capture.sources()).hasSize(1);
  }

  @Test
  void substitutesServerVariablesAndPrefersPathAndOperationServers() {
    Capture capture = Fixtures.read("server-variables.yaml");
    assertThat(operation(capture, HttpMethod.GET, "/status").baseUrl()).isEqualTo("https://eu.api.example.com:8443/v2");
    assertThat(operation(capture, HttpMethod.GET, "/legacy/status").baseUrl()).isEqualTo("https://legacy.example.com/old");
    assertThat(operation(capture, HttpMethod.POST, "/legacy/status").baseUrl()).isEqualTo("https://write.example.com");
  }

  @Test
  void logsTheServersItDoesNotUseAtDebug() {
    RecordingLog log = new RecordingLog();
    Fixtures.read("petstore-30.yaml", ImportSettings.defaults(), log);
    assertThat(log.debugs).anyMatch(line -> line.contains("ignoring https://staging.example.com/v1"));
  }

  @Test
  void resolvesRelativeServersAgainstTheBaseUrlSetting(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = Fixtures.write(dir, "api.yaml", Fixtures.minimal30("").replace("https://api.example.com", "/v3/"));
    Capture capture = Fixtures.readFile(file, "api.yaml", Fixtures.withBaseUrl("https://gateway.example.com/"),
        new RecordingLog());
    assertThat(capture.operations().get(0).baseUrl()).isEqualTo("https://gateway.example.com/v3");
    // The setting is the API's root: a relative server goes below its path.
    Capture below = Fixtures.readFile(file, "api.yaml", Fixtures.withBaseUrl("https://gateway.example.com/team-a"),
        new RecordingLog());
    assertThat(below.operations().get(0).baseUrl()).isEqualTo("https://gateway.example.com/team-a/v3");
    Path noServers = Fixtures.write(dir, "bare.yaml", Fixtures.minimal30("").replace(
        "servers: [{url: \"https://api.example.com\"}]\n", ""));
    Capture bare = Fixtures.readFile(noServers, "bare.yaml", Fixtures.withBaseUrl("https://gateway.example.com/base"),
        new RecordingLog());
    assertThat(bare.operations().get(0).baseUrl()).isEqualTo("https://gateway.example.com/base");
  }

  @Test
  void allowHostsKeepsOnlyMatchingOperationsAndLogsTheDropped() {
    RecordingLog log = new RecordingLog();
    ImportSettings settings = new ImportSettings(null, List.of("*.example.com:8443", "legacy.example.com"), false,
        ImportSettings.DEFAULT_MAX_INPUT_BYTES);
    Capture capture = Fixtures.read("server-variables.yaml", settings, log);
    assertThat(capture.operations()).extracting(CapturedOperation::baseUrl)
        .containsExactlyInAnyOrder("https://eu.api.example.com:8443/v2", "https://legacy.example.com/old");
    assertThat(log.infos).anyMatch(line -> line.contains("dropped 1 operations") && line.contains("write.example.com"));
  }

  @Test
  void synthesizesUndeclaredPathParametersWithAWarning(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = Fixtures.write(dir, "api.yaml", Fixtures.minimal30("").replace("/things:", "/things/{thingId}:"));
    RecordingLog log = new RecordingLog();
    Capture capture = Fixtures.readFile(file, "api.yaml", ImportSettings.defaults(), log);
    assertThat(capture.operations().get(0).parameters()).containsExactly(new Parameter("thingId", ParameterLocation.PATH,
        true, json("{\"type\":\"string\"}"), null, null, null, false));
    assertThat(log.warnings).anyMatch(line -> line.contains("{thingId} is not declared"));
  }

  @Test
  void logsSwaggerParserWarningsWithoutFailing(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = Fixtures.write(dir, "api.yaml", Fixtures.minimal30("").replace("get:", "get:\n      surprise: 1"));
    RecordingLog log = new RecordingLog();
    Capture capture = Fixtures.readFile(file, "api.yaml", ImportSettings.defaults(), log);
    assertThat(capture.operations()).hasSize(1);
    assertThat(log.warnings).anyMatch(line -> line.startsWith("api.yaml: ") && line.contains("surprise is unexpected"));
  }

  @Test
  void expandsYamlAliasesAndMergeKeys(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = Fixtures.write(dir, "api.yaml", """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        servers: [{url: "https://api.example.com"}]
        x-shapes:
          page: &page {type: integer, minimum: 1}
        paths:
          /things:
            get:
              parameters:
                - {name: page, in: query, schema: *page}
                - name: size
                  in: query
                  schema: {<<: *page, maximum: 50}
              responses: {'200': {description: ok}}
        """);
    CapturedOperation get = Fixtures.readFile(file, "api.yaml").operations().get(0);
    assertThat(parameter(get, "page").schema()).isEqualTo(json("{\"type\":\"integer\",\"minimum\":1}"));
    assertThat(parameter(get, "size").schema()).isEqualTo(json("{\"maximum\":50,\"type\":\"integer\",\"minimum\":1}"));
  }

  @Test
  void deeplyNestedInlineSchemasDoNotOverflowTheStack(@org.junit.jupiter.api.io.TempDir Path dir) {
    int depth = 450; // two JSON levels per schema level: just under the parser's nesting limit of 1000
    String nested = "{\"type\":\"string\"}";
    for (int i = 0; i < depth; i++) {
      nested = "{\"properties\":{\"a\":" + nested + "}}";
    }
    Path file = Fixtures.write(dir, "deep.json", "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
        + "\"servers\":[{\"url\":\"https://api.example.com\"}],\"paths\":{\"/a\":{\"post\":{\"requestBody\":"
        + "{\"content\":{\"application/json\":{\"schema\":" + nested + "}}},\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");
    Capture capture = Fixtures.readFile(file, "deep.json");
    String pointer = "/properties/a".repeat(depth) + "/type";
    assertThat(capture.operations().get(0).requestBody().contents().get(0).schema().at(pointer).asText()).isEqualTo("string");
  }

  @Test
  void unsafeSchemaNamesBecomeSafeDeterministicNames(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = Fixtures.write(dir, "api.yaml", """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /pages:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - {$ref: '#/components/schemas/Page_Pet_v1_x_'}
                          - {$ref: '#/components/schemas/Page«Pet~1v1~0x»'}
        components:
          schemas:
            "Page«Pet/v1~x»": {type: object, properties: {next: {$ref: '#/components/schemas/Page%C2%ABPet~1v1~0x%C2%BB'}}}
            "Page_Pet_v1_x_": {type: string}
        """);
    Capture capture = Fixtures.readFile(file, "api.yaml");
    // Component names are reserved in document order: the unsafe one comes first and takes the plain safe name.
    assertThat(capture.schemas().keySet()).containsExactly("Page_Pet_v1_x_", "Page_Pet_v1_x__2");
    assertThat(capture.operations().get(0).responses().get(0).contents().get(0).schema()).isEqualTo(json(
        "{\"oneOf\":[{\"$ref\":\"#/$defs/Page_Pet_v1_x__2\"},{\"$ref\":\"#/$defs/Page_Pet_v1_x_\"}]}"));
    assertThat(capture.schemas().get("Page_Pet_v1_x_").at("/properties/next"))
        .isEqualTo(json("{\"$ref\":\"#/$defs/Page_Pet_v1_x_\"}"));
    assertThat(capture.schemas().get("Page_Pet_v1_x__2")).isEqualTo(json("{\"type\":\"string\"}"));
  }

  private static SecurityRequirement requirement(Map<String, List<String>> schemes) {
    return new SecurityRequirement(new TreeMap<>(schemes));
  }
}
