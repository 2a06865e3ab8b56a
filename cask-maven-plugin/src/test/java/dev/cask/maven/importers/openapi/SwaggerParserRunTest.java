package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.ImportSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * swagger-parser validates OpenAPI 3 documents on the very tree Cask reads operations from, on another thread and
 * without a copy: it must leave that tree exactly as it found it.
 */
class SwaggerParserRunTest {
  @ParameterizedTest
  @ValueSource(strings = {"petstore-30.yaml", "petstore-31.json", "circular.yaml", "server-variables.yaml"})
  void leavesTheTreeUntouched(String name) throws Exception {
    Path file = Fixtures.path(name);
    JsonNode tree = SpecTreeReader.read(Files.readAllBytes(file), name);
    JsonNode before = tree.deepCopy();
    SpecVersion version = SpecVersion.detect(tree, name);

    SwaggerParserRun.run(file, tree, name, version, ImportSettings.defaults());

    assertThat(tree).isEqualTo(before);
  }
}
