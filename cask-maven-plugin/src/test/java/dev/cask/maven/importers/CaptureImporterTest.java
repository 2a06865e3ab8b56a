package dev.cask.maven.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CaptureSource;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureImporterTest {
  @TempDir Path project;
  private final RecordingLog log = new RecordingLog();

  private static String spec(String host, String path, String schemaName, String schemaType, String schemeType) {
    return """
        openapi: 3.0.3
        info: {title: %1$s, version: "1"}
        servers: [{url: "https://%1$s"}]
        security: [{auth: []}]
        paths:
          %2$s:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/%3$s'}
        components:
          schemas:
            %3$s:
              type: object
              properties:
                self: {$ref: '#/components/schemas/%3$s'}
                value: {type: %4$s}
          securitySchemes:
            auth: {type: %5$s, scheme: bearer, in: header, name: X-Key}
        """.formatted(host, path, schemaName, schemaType, schemeType);
  }

  private Path write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private Capture importAll(List<Path> inputs) {
    return CaptureImporter.standard().importAll(project, inputs, ImportSettings.defaults(), log);
  }

  @Test
  void walksDirectoriesInSortedOrderAndSkipsFilesNoImporterReads() throws IOException {
    write("specs/b/zeta.yaml", spec("b.example.com", "/b", "B", "string", "http"));
    write("specs/a.yaml", spec("a.example.com", "/a", "A", "string", "http"));
    write("specs/README.md", "# not a spec");
    // Mentions "openapi", but not as its own top-level field: not a description.
    write("specs/package.json", "{\"name\": \"x\", \"dependencies\": {\"openapi\": \"1.0.0\"}}");
    write("specs/notes.yaml", "title: notes\nsee:\n  openapi: 3.0.0\n");
    Capture capture = importAll(List.of(Path.of("specs")));
    assertThat(capture.sources()).extracting(CaptureSource::path).containsExactly("specs/a.yaml", "specs/b/zeta.yaml");
    assertThat(log.debugs).anyMatch(line -> line.equals("skipping specs/README.md: not a format Cask reads (openapi, har, otel, graphql, webmcp)"));
    assertThat(log.debugs).anyMatch(line -> line.startsWith("skipping specs/package.json"));
    assertThat(log.debugs).anyMatch(line -> line.startsWith("skipping specs/notes.yaml"));
  }

  @Test
  void keepsSourcesInInputOrderAndAcceptsAbsoluteInputs() throws IOException {
    Path b = write("b.yaml", spec("b.example.com", "/b", "B", "string", "http"));
    write("a.yaml", spec("a.example.com", "/a", "A", "string", "http"));
    Capture capture = importAll(List.of(b.toAbsolutePath(), Path.of("a.yaml"), Path.of("b.yaml")));
    assertThat(capture.sources()).extracting(CaptureSource::path).containsExactly("b.yaml", "a.yaml");
  }

  @Test
  void renamesCollidingSchemasAndRewritesEveryReference() throws IOException {
    write("one.yaml", spec("one.example.com", "/pets", "Pet", "string", "http"));
    write("two.yaml", spec("two.example.com", "/pets", "Pet", "integer", "http"));
    Capture capture = importAll(List.of(Path.of("one.yaml"), Path.of("two.yaml")));
    assertThat(capture.schemas().keySet()).containsExactly("Pet", "Pet_2");
    assertThat(capture.schemas().get("Pet").at("/properties/value/type").asText()).isEqualTo("string");
    JsonNode second = capture.schemas().get("Pet_2");
    assertThat(second.at("/properties/value/type").asText()).isEqualTo("integer");
    assertThat(second.at("/properties/self/$ref").asText()).isEqualTo("#/$defs/Pet_2");
    CapturedOperation fromTwo = capture.operations().stream()
        .filter(op -> op.baseUrl().equals("https://two.example.com")).findFirst().orElseThrow();
    assertThat(fromTwo.responses().get(0).contents().get(0).schema().get("$ref").asText()).isEqualTo("#/$defs/Pet_2");
    CapturedOperation fromOne = capture.operations().stream()
        .filter(op -> op.baseUrl().equals("https://one.example.com")).findFirst().orElseThrow();
    assertThat(fromOne.responses().get(0).contents().get(0).schema().get("$ref").asText()).isEqualTo("#/$defs/Pet");
  }

  @Test
  void renamesDifferentSecuritySchemesOfTheSameNameAndKeepsIdenticalOnesOnce() throws IOException {
    write("one.yaml", spec("one.example.com", "/a", "A", "string", "http"));
    write("two.yaml", spec("two.example.com", "/b", "B", "string", "http"));
    write("three.yaml", spec("three.example.com", "/c", "C", "string", "apiKey"));
    Capture capture = importAll(List.of(Path.of("one.yaml"), Path.of("two.yaml"), Path.of("three.yaml")));
    assertThat(capture.securitySchemes().keySet()).containsExactly("auth", "auth_2");
    assertThat(capture.securitySchemes().get("auth_2").type()).isEqualTo("apiKey");
    CapturedOperation fromThree = capture.operations().stream()
        .filter(op -> op.baseUrl().equals("https://three.example.com")).findFirst().orElseThrow();
    assertThat(fromThree.security().get(0).schemes()).containsOnlyKeys("auth_2");
    CapturedOperation fromTwo = capture.operations().stream()
        .filter(op -> op.baseUrl().equals("https://two.example.com")).findFirst().orElseThrow();
    assertThat(fromTwo.security().get(0).schemes()).containsOnlyKeys("auth");
  }

  @Test
  void sameOperationInTwoFilesIsAnErrorNamingBoth() throws IOException {
    write("one.yaml", spec("api.example.com", "/pets/{id}", "A", "string", "http"));
    write("two.yaml", spec("api.example.com", "/pets/{petId}", "B", "string", "http"));
    assertThatThrownBy(() -> importAll(List.of(Path.of("one.yaml"), Path.of("two.yaml"))))
        .isInstanceOf(CaskException.class)
        .hasMessage("two.yaml at /paths/~1pets~1{petId}/get: declares the operation GET api.example.com/pets/{},"
            + " which one.yaml#/paths/~1pets~1{id}/get declares too. Fix: import only one of the two files, or remove"
            + " the operation from one of them");
  }

  @Test
  void explicitFileNoImporterReadsIsAnError() throws IOException {
    write("notes.txt", "hello");
    assertThatThrownBy(() -> importAll(List.of(Path.of("notes.txt"))))
        .isInstanceOf(CaskException.class)
        .hasMessage("notes.txt: is not a format Cask reads (openapi, har, otel, graphql, webmcp). Fix: remove it from the inputs, or check"
            + " that it is a complete openapi, har, otel, graphql, webmcp document");
  }

  @Test
  void noSourceAtAllIsAnErrorNamingTheInputs() throws IOException {
    write("docs/readme.md", "nothing");
    assertThatThrownBy(() -> importAll(List.of(Path.of("docs"))))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("docs: hold no API source Cask can read (it reads openapi, har, otel, graphql, webmcp)")
        .hasMessageContaining("Fix: point the inputs at OpenAPI 3.x or Swagger 2.0 documents");
  }

  @Test
  void explicitBrokenDescriptionGetsItsSyntaxError() throws IOException {
    write("broken.json", "{\"openapi\": \"3.0.3\", \"info\": }");
    assertThatThrownBy(() -> importAll(List.of(Path.of("broken.json"))))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("broken.json at line 1, column 30: is not well-formed JSON");
  }

  @Test
  void missingInputIsAnError() {
    assertThatThrownBy(() -> importAll(List.of(Path.of("nope.yaml"))))
        .isInstanceOf(CaskException.class)
        .hasMessage("nope.yaml: does not exist. Fix: check the input paths of the import");
  }

  @Test
  void inputOutsideTheProjectIsRecordedByFileNameAndSaidSo(@TempDir Path elsewhere) throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("shared.yaml"), spec("x.example.com", "/x", "X", "string", "http"));
    Capture capture = importAll(List.of(outside));
    assertThat(capture.sources()).extracting(CaptureSource::path).containsExactly("shared.yaml");
    assertThat(log.debugs).anyMatch(line -> line.endsWith("is outside the project directory; it is recorded as shared.yaml"));
    assertThat(new String(CaskMappers.json().writeValueAsBytes(capture))).doesNotContain(elsewhere.toString());
  }
}
