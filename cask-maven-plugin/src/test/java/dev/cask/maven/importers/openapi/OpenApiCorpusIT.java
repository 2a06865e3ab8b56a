package dev.cask.maven.importers.openapi;

import static dev.cask.maven.importers.openapi.Fixtures.operation;
import static dev.cask.maven.importers.openapi.Fixtures.parameter;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Imports real descriptions fetched by {@code src/test/corpus/fetch-corpus.sh}: every document of ReadMe's
 * oas-examples (Swagger 2.0, OpenAPI 3.0 and 3.1, JSON and YAML) and GitHub's REST description. Each document either
 * imports into a capture whose every {@code $ref} resolves, or fails with the intended message listed below.
 */
class OpenApiCorpusIT {
  private static final Path CORPUS =
      Path.of(System.getProperty("cask.corpus", System.getProperty("user.home") + "/.cache/cask-corpus"));
  private static final Path EXAMPLES = CORPUS.resolve("oas-examples");

  private static final String NO_SERVER = "declares no server URL. Fix: set -Dcask.baseUrl=";
  private static final String ROOT_SERVER = "at /host: server URL '/' is relative. Fix: set -Dcask.baseUrl=";

  /** Documents that must fail, each with the reason as the message says it. */
  private static final Map<String, String> EXPECTED_FAILURES = Map.ofEntries(
      // Swagger 2.0 without host: the API's address is unknown until the user says it.
      entry("2.0/json/api-with-examples.json", ROOT_SERVER),
      entry("2.0/yaml/api-with-examples.yaml", ROOT_SERVER),
      // No servers at all: same.
      entry("3.0/json/callbacks.json", NO_SERVER),
      entry("3.0/yaml/callbacks.yaml", NO_SERVER),
      entry("3.0/json/link-example.json", NO_SERVER),
      entry("3.0/yaml/link-example.yaml", NO_SERVER),
      // Only a title: nothing a tool could call.
      entry("3.0/json/openapi-workshop/title.json", "at /paths: declares no operations"),
      // Webhooks only: calls the API makes, not operations.
      entry("3.1/json/webhooks.json", "at /paths: declares no operations (webhooks are calls the API makes"),
      entry("3.1/yaml/webhooks.yaml", "at /paths: declares no operations (webhooks are calls the API makes"),
      // Every operation requires a security scheme the document never declares: a tool could not authenticate.
      entry("3.0/json/response-http-behavior.json", "at /paths/~1cache/get/security/0/api_key: none of its 3 operations"
          + " can be compiled (and 2 more: /paths/~1status~1302/get/security/0/api_key, /paths/~1status~1204/get/security/0/api_key);"
          + " the first: security requirement names the scheme 'api_key'"),
      entry("3.0/yaml/response-http-behavior.yaml", "at /paths/~1cache/get/security/0/api_key: none of its 3 operations"
          + " can be compiled (and 2 more: /paths/~1status~1302/get/security/0/api_key, /paths/~1status~1204/get/security/0/api_key);"
          + " the first: security requirement names the scheme 'api_key'"));

  /** Documents that import with some operations left out, each with the pointer and reason of what is left out. */
  private static final List<String> RELATIVE_SERVERS = List.of(
      "/paths/~1relative-operation-server/get/servers/0/url: server URL '/v3' is relative",
      "/paths/~1relative-path-server/servers/0/url: server URL '/v2' is relative");
  private static final Map<String, List<String>> EXPECTED_LEFT_OUT = Map.ofEntries(
      // One path and one operation have relative servers ("/v2", "/v3"): those two are left out, the others import.
      entry("3.0/json/server-path-level.json", RELATIVE_SERVERS),
      entry("3.0/yaml/server-path-level.yaml", RELATIVE_SERVERS));

  @TestFactory
  Stream<DynamicTest> everyExampleImportsOrFailsAsIntended() throws IOException {
    List<Path> documents = exampleDocuments();
    assertThat(documents).as("documents in " + EXAMPLES).hasSizeGreaterThan(100);
    return documents.stream().map(file -> {
      String name = EXAMPLES.relativize(file).toString().replace('\\', '/');
      return DynamicTest.dynamicTest(name, () -> check(file, name));
    });
  }

  @Test
  void everyExpectedFailureNamesADocumentThatExists() throws IOException {
    List<String> names = exampleDocuments().stream().map(f -> EXAMPLES.relativize(f).toString().replace('\\', '/')).toList();
    assertThat(names).containsAll(EXPECTED_FAILURES.keySet());
    long imported = names.stream().filter(name -> !EXPECTED_FAILURES.containsKey(name)).count();
    System.out.printf(Locale.ROOT, "oas-examples: %d documents, %d import, %d fail as intended%n",
        names.size(), imported, EXPECTED_FAILURES.size());
  }

  private static void check(Path file, String name) {
    String expected = EXPECTED_FAILURES.get(name);
    if (expected != null) {
      assertThatThrownBy(() -> importFile(file, name))
          .isInstanceOf(CaskException.class)
          .hasMessageStartingWith(name)
          .hasMessageContaining(expected);
      return;
    }
    Capture capture = importFile(file, name);
    assertThat(capture.operations()).isNotEmpty();
    List<String> leftOut = EXPECTED_LEFT_OUT.getOrDefault(name, List.of());
    assertThat(capture.leftOutOperations()).as("operations left out of " + name).hasSameSizeAs(leftOut);
    for (int i = 0; i < leftOut.size(); i++) {
      LeftOutOperation op = capture.leftOutOperations().get(i);
      assertThat(op.pointer() + ": " + op.reason()).startsWith(leftOut.get(i));
    }
    assertEveryRefResolves(capture);
    assertThat(CanonicalJson.canonicalBytes(capture)).isNotEmpty();
  }

  @Test
  void githubImportsEveryOperationWithParametersBodiesAndBaseUrl() {
    Path file = CORPUS.resolve("github/api.github.com.json");
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    System.gc();
    long heapBefore = usedHeap();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    RecordingLog log = new RecordingLog();
    long start = System.nanoTime();
    Capture capture = Fixtures.readFile(file, "api.github.com.json", ImportSettings.defaults(), log);
    long nanos = System.nanoTime() - start;
    long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    System.gc();
    long retained = usedHeap() - heapBefore;
    System.out.printf(Locale.ROOT, "GitHub import: %.2f s, %,d operations, %,d schemas, heap peak %d MB (pools summed),"
            + " capture retained %d MB%n", nanos / 1e9, capture.operations().size(), capture.schemas().size(),
        peak / 1_000_000, retained / 1_000_000);
    // INFO when the import took more than a second, DEBUG otherwise: the line is asserted, not the machine's speed.
    assertThat(java.util.stream.Stream.concat(log.infos.stream(), log.debugs.stream()))
        .anyMatch(line -> line.startsWith("parsed api.github.com.json (13 MB) in "));

    assertThat(capture.operations()).hasSize(1223);
    // One operation declares its own server: release assets are uploaded to another host.
    assertThat(capture.operations()).filteredOn(op -> !op.baseUrl().equals("https://api.github.com"))
        .extracting(op -> op.method() + " " + op.baseUrl() + op.path())
        .containsExactly("POST https://uploads.github.com/repos/{owner}/{repo}/releases/{release_id}/assets");
    assertEveryRefResolves(capture);

    CapturedOperation getRepo = operation(capture, HttpMethod.GET, "/repos/{owner}/{repo}");
    assertThat(getRepo.operationId()).isEqualTo("repos/get");
    assertThat(getRepo.key().id()).isEqualTo("GET api.github.com/repos/{}/{}");
    assertThat(getRepo.parameters()).extracting(Parameter::name, Parameter::in, Parameter::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("owner", ParameterLocation.PATH, true),
            org.assertj.core.groups.Tuple.tuple("repo", ParameterLocation.PATH, true));
    assertThat(parameter(getRepo, "owner").description()).startsWith("The account owner of the repository.");
    assertThat(getRepo.responses()).extracting(r -> r.status()).containsExactly("200", "301", "403", "404");
    assertThat(getRepo.responses().get(0).contents())
        .containsExactly(new MediaContent("application/json", Fixtures.json("{\"$ref\":\"#/$defs/full-repository\"}")));
    assertThat(capture.schemas().get("full-repository").at("/properties/full_name/type").asText()).isEqualTo("string");

    CapturedOperation createIssue = operation(capture, HttpMethod.POST, "/repos/{owner}/{repo}/issues");
    assertThat(createIssue.operationId()).isEqualTo("issues/create");
    assertThat(createIssue.parameters()).extracting(Parameter::name).containsExactly("owner", "repo");
    assertThat(createIssue.requestBody().required()).isTrue();
    JsonNode body = createIssue.requestBody().contents().get(0).schema();
    assertThat(createIssue.requestBody().contents().get(0).mediaType()).isEqualTo("application/json");
    assertThat(body.get("required")).isEqualTo(Fixtures.json("[\"title\"]"));
    assertThat(body.at("/properties/title/oneOf")).isEqualTo(Fixtures.json("[{\"type\":\"string\"},{\"type\":\"integer\"}]"));
    assertThat(body.at("/properties/assignee/type")).isEqualTo(Fixtures.json("[\"string\",\"null\"]"));
    assertThat(body.at("/properties/milestone/anyOf/1")).isEqualTo(Fixtures.json("{\"type\":\"null\"}"));
    assertThat(body.at("/properties/labels/items/oneOf/1/properties/color/type"))
        .isEqualTo(Fixtures.json("[\"string\",\"null\"]"));
    assertThat(createIssue.responses()).extracting(r -> r.status()).contains("201", "422");
  }

  /** GitHub Enterprise Cloud's description has a {@code $ref} inside an example value: literal data, not a reference. */
  @Test
  void githubEnterpriseCloudImportsWithItsExampleValuesAsData() {
    Path file = CORPUS.resolve("github/ghec.json");
    assertThat(file).as("fetched by fetch-corpus.sh").exists();

    Capture capture = importFile(file, "ghec.json");

    assertThat(capture.operations()).hasSize(1471);
    assertThat(capture.leftOutOperations()).isEmpty();
    assertEveryRefResolves(capture);
  }

  private static Capture importFile(Path file, String name) {
    return Fixtures.readFile(file, name, ImportSettings.defaults(), new RecordingLog());
  }

  private static List<Path> exampleDocuments() throws IOException {
    List<Path> documents = new ArrayList<>();
    for (String version : List.of("2.0", "3.0", "3.1")) {
      try (Stream<Path> files = Files.walk(EXAMPLES.resolve(version))) {
        files.filter(Files::isRegularFile)
            .filter(f -> f.toString().matches(".*\\.(json|yaml|yml)$"))
            .sorted()
            .forEach(documents::add);
      }
    }
    return documents;
  }

  /** Every {@code #/$defs/Name} in operations and shared schemas names a schema of the capture. */
  private static void assertEveryRefResolves(Capture capture) {
    TreeSet<String> missing = new TreeSet<>();
    List<JsonNode> schemas = new ArrayList<>(capture.schemas().values());
    for (CapturedOperation operation : capture.operations()) {
      operation.parameters().forEach(p -> schemas.add(p.schema()));
      if (operation.requestBody() != null) {
        operation.requestBody().contents().forEach(c -> schemas.add(c.schema()));
      }
      operation.responses().forEach(r -> r.contents().forEach(c -> schemas.add(c.schema())));
    }
    schemas.stream().filter(java.util.Objects::nonNull).forEach(schema -> collectMissing(schema, capture, missing));
    assertThat(missing).as("$refs without a schema").isEmpty();
  }

  private static void collectMissing(JsonNode node, Capture capture, TreeSet<String> missing) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String text = ref.asText();
        if (!text.startsWith("#/$defs/") || !capture.schemas().containsKey(text.substring("#/$defs/".length()))) {
          missing.add(text);
        }
      }
      // Values of these keywords are data, not schemas: GitHub writes {"$ref": ...} inside an example.
      node.properties().forEach(field -> {
        if (!LITERAL_KEYWORDS.contains(field.getKey())) {
          collectMissing(field.getValue(), capture, missing);
        }
      });
    } else {
      node.forEach(child -> collectMissing(child, capture, missing));
    }
  }

  private static final java.util.Set<String> LITERAL_KEYWORDS = java.util.Set.of("examples", "default", "const", "enum");

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
