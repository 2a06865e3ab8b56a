package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input fails with a CaskException that names the file, the place and the fix. */
class OpenApiImporterErrorsTest {
  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> importing(String name, String text) {
    return importing(name, text, ImportSettings.defaults());
  }

  private AbstractThrowableAssert<?, ? extends Throwable> importing(String name, String text, ImportSettings settings) {
    Path file = Fixtures.write(dir, name, text);
    return assertThatThrownBy(() -> Fixtures.readFile(file, "specs/" + name, settings, new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("specs/" + name);
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    importing("api.json", "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n}\n  \"paths\": {}\n}")
        .hasMessageContaining("at line 5, column 3")
        .hasMessageContaining("is not well-formed JSON")
        .hasMessageContaining("Fix: correct the JSON syntax");
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    importing("api.yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n")
        .hasMessageContaining("at line 4, column")
        .hasMessageContaining("is not well-formed YAML")
        .hasMessageContaining("Fix: correct the YAML");
  }

  @Test
  void duplicateKeysAreRefusedInJsonAndYaml() {
    importing("dup.json", "{\"openapi\": \"3.0.3\", \"openapi\": \"3.1.0\"}")
        .hasMessageContaining("line 1")
        .hasMessageContaining("Duplicate field 'openapi'");
    importing("dup.yaml", Fixtures.minimal30("info: {title: again, version: \"2\"}\n"))
        .hasMessageContaining("at line 8, column 1")
        .hasMessageContaining("has the key 'info' twice");
  }

  @Test
  void emptyFileIsRefused() {
    importing("empty.yaml", "\n\n").hasMessageContaining("is empty");
  }

  @Test
  void documentThatIsNotOpenApiIsRefused() {
    importing("package.json", "{\"name\": \"left-pad\", \"version\": \"1.0.0\"}")
        .hasMessageContaining("is not an OpenAPI or Swagger document: it has no 'openapi' or 'swagger' field")
        .hasMessageContaining("Fix: point the input at an OpenAPI 3.x or Swagger 2.0 description");
    importing("list.yaml", "- a\n- b\n").hasMessageContaining("its top level is a list");
  }

  @Test
  void swagger12IsUnsupported() {
    importing("old.json", "{\"swagger\": \"1.2\", \"apis\": []}")
        .hasMessageContaining("at /swagger: unsupported version swagger: 1.2")
        .hasMessageContaining("Cask reads Swagger 2.0, OpenAPI 3.0.x and OpenAPI 3.1.x")
        .hasMessageContaining("Fix: convert it to OpenAPI 3");
  }

  @Test
  void openApi4IsUnsupported() {
    importing("future.yaml", Fixtures.minimal30("").replace("openapi: 3.0.3", "openapi: 4.0.0"))
        .hasMessageContaining("at /openapi: unsupported version openapi: 4.0.0")
        .hasMessageContaining("Fix: use an OpenAPI 3.0.x or 3.1.x document");
  }

  @Test
  void documentWithoutOperationsIsRefused() {
    importing("empty-paths.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
        + "webhooks:\n  ping:\n    post:\n      responses: {'200': {description: ok}}\n")
        .hasMessageContaining("at /paths: declares no operations (webhooks are calls the API makes")
        .hasMessageContaining("Fix: add at least one operation under paths");
  }

  @Test
  void unresolvableLocalReferenceNamesItselfAndItsPlace() {
    importing("api.yaml", Fixtures.minimal30("").replace("responses: {'200': {description: ok}}",
        "responses:\n          '200':\n            description: ok\n            content:\n              application/json:\n"
            + "                schema: {$ref: '#/components/schemas/Missing'}"))
        .hasMessageContaining("at /paths/~1things/get/responses/200/content/application~1json/schema/$ref")
        .hasMessageContaining("$ref '#/components/schemas/Missing' cannot be resolved: this document has nothing at"
            + " '/components/schemas/Missing'")
        .hasMessageContaining("Fix: check the JSON pointer");
  }

  @Test
  void referenceToMissingFileIsRefused() {
    importing("api.yaml", Fixtures.minimal30("components:\n  schemas:\n    A: {$ref: 'gone.yaml#/A'}\n"))
        .hasMessageContaining("at /components/schemas/A/$ref")
        .hasMessageContaining("$ref 'gone.yaml#/A' cannot be resolved: the file does not exist");
  }

  @Test
  void fileOverTheSizeLimitIsRefusedBeforeItIsParsed() {
    ImportSettings small = new ImportSettings(null, List.of(), false, 10);
    // Malformed on purpose: the size check must come first.
    importing("big.json", "{ this is not json and is longer than ten bytes", small)
        .hasMessageContaining("is 47 bytes, more than the input limit of 10 bytes")
        .hasMessageContaining("raise the limit with -Dcask.maxInputBytes=47");
  }

  /**
   * A real 100 MB file (sparse: 100 MB long on disk for every reader) under the default 80 MiB limit, through the same
   * facade the goals use. It starts like an OpenAPI document (so the facade picks the OpenAPI importer) and goes on with
   * NUL bytes: a parse error would mean it had been read before the size check.
   */
  @Test
  void aHundredMegabyteSpecIsRefusedByItsSizeBeforeItIsRead() throws Exception {
    Path big = dir.resolve("huge-api.json");
    long size = 100L * 1000 * 1000;
    try {
      Files.writeString(big, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"huge\", \"version\": \"1\"}, \"paths\": {");
      try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
        file.setLength(size);
      }
      assertThat(Files.size(big)).isEqualTo(size);
      assertThatThrownBy(() -> CaptureImporter.standard()
              .importAll(dir, List.of(Path.of("huge-api.json")), ImportSettings.defaults(), new RecordingLog()))
          .isInstanceOf(CaskException.class)
          .hasMessageStartingWith("huge-api.json")
          .hasMessageContaining("is 100,000,000 bytes, more than the input limit of 83,886,080 bytes")
          .hasMessageContaining("Fix: if the file is trusted, raise the limit with -Dcask.maxInputBytes=100000000");
    } finally {
      Files.deleteIfExists(big);
    }
  }

  @Test
  void relativeServerWithoutBaseUrlAsksForIt() {
    importing("api.yaml", Fixtures.minimal30("").replace("https://api.example.com", "/v1"))
        .hasMessageContaining("at /servers/0/url: server URL '/v1' is relative")
        .hasMessageContaining("Fix: set -Dcask.baseUrl=https://... (or <baseUrl> in the plugin configuration)");
  }

  @Test
  void missingServersWithoutBaseUrlAsksForIt() {
    importing("api.yaml", Fixtures.minimal30("").replace("servers: [{url: \"https://api.example.com\"}]\n", ""))
        .hasMessageContaining("at /servers: declares no server URL")
        .hasMessageContaining("-Dcask.baseUrl=");
  }

  @Test
  void swagger20WithoutHostAsksForBaseUrl() {
    importing("api.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\nbasePath: /v1\npaths:\n  /a:\n"
        + "    get:\n      responses: {'200': {description: ok}}\n")
        .hasMessageContaining("at /host: server URL '/v1' is relative")
        .hasMessageContaining("-Dcask.baseUrl=");
  }

  @Test
  void serverVariableWithoutDefaultIsRefused() {
    importing("api.yaml", Fixtures.minimal30("").replace("[{url: \"https://api.example.com\"}]",
        "[{url: \"https://{tenant}.example.com\", variables: {tenant: {enum: [a, b]}}}]"))
        .hasMessageContaining("at /servers/0/url: server variable {tenant} has no default value");
  }

  @Test
  void serverUrlWithCredentialsIsRefusedWithoutEchoingThem() {
    importing("api.yaml", Fixtures.minimal30("").replace("https://api.example.com", "ftp://admin:hunter2@api.example.com"))
        .hasMessageContaining("server URL has credentials in it")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void baseUrlSettingWithCredentialsIsRefusedWithoutEchoingThem() {
    Path file = Fixtures.write(dir, "api.yaml", Fixtures.minimal30(""));
    assertThatThrownBy(() -> Fixtures.readFile(file, "api.yaml", Fixtures.withBaseUrl("https://u:s3cret@gw.example.com"),
        new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("-Dcask.baseUrl: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void undeclaredSecuritySchemeIsRefused() {
    importing("api.yaml", Fixtures.minimal30("security: [{token: []}]\n"))
        .hasMessageContaining("at /security/0/token: security requirement names the scheme 'token'")
        .hasMessageContaining("Fix: declare the scheme");
  }

  @Test
  void sameOperationTwiceInOneDocumentIsOneOperation() {
    Path file = Fixtures.write(dir, "api.yaml", Fixtures.minimal30("").replace("paths:\n", "paths:\n  /things/{b}:\n"
        + "    get:\n      responses: {'200': {description: ok}}\n  /things/{a}:\n    get:\n"
        + "      responses: {'200': {description: ok}}\n"));
    dev.cask.runtime.model.capture.Capture capture = Fixtures.readFile(file, "specs/api.yaml");
    assertThat(capture.operations()).extracting(op -> op.path()).containsExactlyInAnyOrder("/things/{a}", "/things");
    assertThat(capture.leftOutOperations()).singleElement().satisfies(twin -> {
      assertThat(twin.pointer()).isEqualTo("/paths/~1things~1{b}/get");
      assertThat(twin.coveredBy()).isEqualTo("/paths/~1things~1{a}/get");
      assertThat(twin.reason()).startsWith("the same HTTP operation as GET /things/{a} (/paths/~1things~1{a}/get)");
    });
  }

  @Test
  void bodyParameterInOpenApi3IsRefused() {
    importing("api.yaml", Fixtures.minimal30("").replace("get:\n", "get:\n      parameters: [{name: b, in: body}]\n"))
        .hasMessageContaining("at /paths/~1things/get/parameters/0/in: parameter location 'body' is not one of path,"
            + " query, header, cookie");
  }

  @Test
  void yamlAliasBombIsRefused() {
    StringBuilder bomb = new StringBuilder(Fixtures.minimal30("x-bomb:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"));
    for (int level = 1; level <= 8; level++) {
      String previous = "*a" + (level - 1);
      bomb.append("  a").append(level).append(": &a").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, previous))).append("]\n");
    }
    importing("bomb.yaml", bomb.toString()).hasMessageContaining("its YAML aliases expand to")
        .hasMessageContaining("more than the limit of 5000000");
  }

  @Test
  void nestingBeyondTheParserLimitIsRefused() {
    String deep = "[".repeat(1200) + "]".repeat(1200);
    importing("deep.json", "{\"openapi\": \"3.0.3\", \"x\": " + deep + "}")
        .hasMessageContaining("is not well-formed JSON")
        .hasMessageContaining("nesting depth");
    importing("deep.yaml", "openapi: 3.0.3\nx: " + deep + "\n")
        .hasMessageContaining("is not well-formed YAML")
        .hasMessageContaining("Nesting Depth");
  }

  @Test
  void recursiveYamlAliasIsRefused() {
    importing("loop.yaml", Fixtures.minimal30("x-loop: &loop\n  self: *loop\n"))
        .hasMessageContaining("a YAML alias contains itself");
  }
}
