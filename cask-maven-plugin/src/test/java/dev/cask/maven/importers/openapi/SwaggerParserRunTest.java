package dev.cask.maven.importers.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.cask.maven.importers.ImportSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * swagger-parser validates OpenAPI 3 documents on the very tree Cask reads operations from, on another thread and
 * without a copy: it must leave that tree exactly as it found it.
 */
class SwaggerParserRunTest {
  @ParameterizedTest
  @ValueSource(strings = {"petstore-30.yaml", "petstore-31.json", "circular.yaml", "server-variables.yaml", "swagger-20.yaml"})
  void leavesTheTreeUntouched(String name) throws Exception {
    Path file = Fixtures.path(name);
    JsonNode tree = SpecTreeReader.read(Files.readAllBytes(file), name);
    JsonNode before = tree.deepCopy();
    SpecVersion version = SpecVersion.detect(tree, name);

    SwaggerParserRun.run(file, tree, name, version);

    assertThat(tree).isEqualTo(before);
  }

  /**
   * swagger-parser's YAML options are static, process-wide settings: a goal that changed them would race with another
   * goal (Maven runs thread-safe goals of several modules at once) and with any other user of the library in the JVM.
   * Importing every kind of document, with a larger input limit than the default, leaves them as the library set them.
   */
  @Test
  void importingLeavesSwaggerParsersProcessWideOptionsAlone() {
    List<Object> v2Before = v2Options();
    List<Object> v3Before = v3Options();
    ImportSettings bigger = new ImportSettings(null, List.of(), false, 200L * 1024 * 1024);
    for (String name : List.of("swagger-20.yaml", "petstore-30.yaml", "petstore-31.json", "split/api.yaml")) {
      Fixtures.read(name, bigger, new dev.cask.maven.importers.RecordingLog());
    }
    assertThat(v2Options()).isEqualTo(v2Before).isEqualTo(v2Of(new io.swagger.parser.util.DeserializationUtils.Options()));
    assertThat(v3Options()).isEqualTo(v3Before).isEqualTo(v3Of(new io.swagger.v3.parser.util.DeserializationUtils.Options()));
  }

  private static List<Object> v2Options() {
    return v2Of(io.swagger.parser.util.DeserializationUtils.getOptions());
  }

  private static List<Object> v2Of(io.swagger.parser.util.DeserializationUtils.Options o) {
    return List.of(o.getMaxYamlCodePoints(), o.isYamlCycleCheck(), o.getMaxYamlAliasesForCollections(),
        o.getMaxYamlDepth(), o.getMaxYamlReferences(), o.isValidateYamlInput(), o.isSupportYamlAnchors(),
        o.isYamlAllowRecursiveKeys());
  }

  private static List<Object> v3Options() {
    return v3Of(io.swagger.v3.parser.util.DeserializationUtils.getOptions());
  }

  private static List<Object> v3Of(io.swagger.v3.parser.util.DeserializationUtils.Options o) {
    return List.of(o.getMaxYamlCodePoints(), o.isYamlCycleCheck(), o.getMaxYamlAliasesForCollections(),
        o.getMaxYamlDepth(), o.getMaxYamlReferences(), o.isValidateYamlInput(), o.isYamlAllowRecursiveKeys());
  }
}
