package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Example, default, enum and const values are literal data: a {@code "$ref"} key inside one is part of the example
 * (GitHub Enterprise Cloud's description has one), never a reference to follow, check or rewrite. Real references
 * beside them are still followed and checked.
 */
class ExampleValuesTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "OpenAPI {0}")
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void refsInsideExampleValuesAreLiteralData(String version) {
    Path file = GeneratedShapes.refsInExamples(dir, "api.yaml", version);

    Capture capture = Fixtures.readFile(file, "api.yaml");

    CapturedOperation stats = Fixtures.operation(capture, HttpMethod.GET, "/stats");
    assertThat(stats.parameters()).hasSize(2);
    JsonNode schema = capture.schemas().get("Stats");
    assertThat(schema.at("/examples/0/$ref").asText()).as("kept as written").isEqualTo("schemas/missing.yaml");
    assertThat(schema.at("/default/$ref").asText()).isEqualTo("defaults/missing.yaml");
    assertThat(schema.at("/properties/mode/enum/0/$ref").asText()).isEqualTo("enums/missing.yaml");
    assertThat(schema.at("/properties/sample/examples/0/$ref").asText()).isEqualTo("samples/missing.yaml");
    assertThat(schema.at("/properties/example/$ref").asText()).as("a property named example is a schema")
        .isEqualTo("#/$defs/Count");
    assertThat(capture.schemas()).containsKey("Count");
  }

  @Test
  void refsInsideSwagger2ResponseExamplesAreLiteralData() {
    Path file = GeneratedShapes.refsInSwagger2Examples(dir, "api.yaml");

    Capture capture = Fixtures.readFile(file, "api.yaml");

    assertThat(capture.operations()).extracting(CapturedOperation::operationId).containsExactly("getStats");
    assertThat(capture.schemas().get("Stats").at("/properties/example/$ref").asText()).isEqualTo("#/$defs/Count");
  }

  @Test
  void renamingASharedSchemaLeavesRefsInsideItsExamplesAsWritten() {
    String stats = """
        components:
          schemas:
            Stats:
              type: object
              example: {$ref: "#/$defs/Stats"}
              properties:
                next: {$ref: "#/components/schemas/Stats"}
        """;
    Path first = GeneratedShapes.write(dir.resolve("a.yaml"), Fixtures.minimal30(stats)
        .replace("responses: {'200': {description: ok}}",
            "responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Stats'}}}}}"));
    Path second = GeneratedShapes.write(dir.resolve("b.yaml"), Fixtures.minimal30(stats)
        .replace("/things", "/others")
        .replace("responses: {'200': {description: ok}}",
            "responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Stats'}}}}}"));

    Capture capture = dev.cask.maven.importers.CaptureImporter.standard().importAll(
        dir, java.util.List.of(first, second), dev.cask.maven.importers.ImportSettings.defaults(),
        dev.cask.maven.log.BuildLog.silent());

    JsonNode renamed = capture.schemas().get("Stats_2");
    assertThat(renamed.at("/properties/next/$ref").asText()).as("a reference is renamed").isEqualTo("#/$defs/Stats_2");
    assertThat(renamed.at("/examples/0/$ref").asText()).as("an example is data").isEqualTo("#/$defs/Stats");
  }

  @Test
  void aReferenceToAnExampleObjectIsStillChecked() {
    Path file = GeneratedShapes.write(dir.resolve("api.yaml"), Fixtures.minimal30("")
        .replace("responses: {'200': {description: ok}}", """
            parameters:
                    - name: q
                      in: query
                      schema: {type: string}
                      examples: {one: {$ref: '#/components/examples/gone'}}
                  responses: {'200': {description: ok}}"""));

    assertThatThrownBy(() -> Fixtures.readFile(file, "api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("at /paths/~1things/get/parameters/0/examples/one/$ref")
        .hasMessageContaining("cannot be resolved");
  }

  @Test
  void aPropertyNamedExampleThatEscapesTheDirectoryIsStillRefused() {
    Path file = GeneratedShapes.write(dir.resolve("api/api.yaml"), Fixtures.minimal30("""
        components:
          schemas:
            Thing:
              type: object
              properties:
                example: {$ref: '../secrets.yaml#/key'}
        """));
    GeneratedShapes.write(dir.resolve("secrets.yaml"), "key: {type: string}\n");

    assertThatThrownBy(() -> Fixtures.readFile(file, "api/api.yaml"))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("at /components/schemas/Thing/properties/example/$ref")
        .hasMessageContaining("points outside");
  }
}
