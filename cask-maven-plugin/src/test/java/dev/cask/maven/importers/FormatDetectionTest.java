package dev.cask.maven.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A file's format is decided by its top-level fields wherever they stand, not by the first bytes: JSON and YAML key
 * order is not significant, and real documents put {@code components} before {@code openapi}.
 */
class FormatDetectionTest {
  private static final int SIX_MB = 6 * 1024 * 1024;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "late-openapi.json, false, false, openapi",
      "late-openapi.yaml, true, false, openapi",
      "late-swagger.json, false, true, swagger",
      "late-swagger.yml, true, true, swagger"})
  void aVersionFieldAfterMegabytesOfComponentsIsFound(String name, boolean yaml, boolean swagger2, String marker)
      throws Exception {
    Path file = GeneratedShapes.lateVersionField(dir, name, yaml, swagger2, SIX_MB);
    assertThat(Files.size(file)).isGreaterThan(SIX_MB);
    assertThat(Files.readString(file).substring(0, 64 * 1024)).doesNotContain("openapi", "swagger");

    assertThat(InputSniff.of(file, Sniffs.STANDARD_MARKERS).marker()).isEqualTo(marker);
  }

  /** Through the import facade the goals use (the corpus test imports the YAML and Swagger 2.0 variants too). */
  @Test
  void aDescriptionWithItsVersionFieldLastImports() {
    Path file = GeneratedShapes.lateVersionField(dir, "late-openapi.json", false, false, SIX_MB);

    Capture capture = CaptureImporter.standard().importAll(dir, List.of(file), ImportSettings.defaults(), BuildLog.silent());

    assertThat(capture.sources()).singleElement().satisfies(source -> assertThat(source.title()).isEqualTo("Late version field"));
    assertThat(capture.operations()).extracting(CapturedOperation::operationId).containsExactly("getThing");
    assertThat(capture.operations().get(0).baseUrl()).isEqualTo("https://things.example.com/v1");
  }

  @Test
  void theSameFieldsInAnyOrderAreRecognizedAlike() {
    String[] fields = {
        "\"openapi\": \"3.0.3\"",
        "\"info\": {\"title\": \"t\", \"version\": \"1\"}",
        "\"servers\": [{\"url\": \"https://api.example.com\"}]",
        "\"paths\": {\"/things\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}"};
    for (int first = 0; first < fields.length; first++) {
      StringBuilder json = new StringBuilder("{");
      for (int i = 0; i < fields.length; i++) {
        json.append(i == 0 ? "" : ",").append(fields[(first + i) % fields.length]);
      }
      Path file = GeneratedShapes.write(dir.resolve("order-" + first + ".json"), json.append('}').toString());
      Capture capture = CaptureImporter.standard().importAll(dir, List.of(file), ImportSettings.defaults(), BuildLog.silent());
      assertThat(capture.operations()).as(json.toString()).hasSize(1);
    }
  }

  @Test
  void aVersionFieldThatIsNotAtTheTopLevelDoesNotMakeADescription() {
    String filler = "\"x\": \"" + "a".repeat(100_000) + "\"";
    Path nested = GeneratedShapes.write(dir.resolve("package.json"),
        "{\"name\": \"app\", " + filler + ", \"dependencies\": {\"openapi\": \"1.0.0\", \"swagger\": \"2.0\"}}");
    assertThatThrownBy(() -> CaptureImporter.standard().importAll(dir, List.of(nested), ImportSettings.defaults(), BuildLog.silent()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("is not a format Cask reads");
  }

  @Test
  void aLateLogFieldMakesAJsonFileAHar() {
    Path har = GeneratedShapes.write(dir.resolve("recording.json"),
        "{\"comment\": \"" + "c".repeat(100_000) + "\", \"log\": {\"version\": \"1.2\", \"entries\": []}}");
    InputSniff sniff = InputSniff.of(har, Sniffs.STANDARD_MARKERS);
    assertThat(sniff.marker()).isEqualTo("log");
  }

  @Test
  void aBrokenDescriptionStillGetsItsSyntaxErrorNotNotAFormat() {
    Path broken = GeneratedShapes.write(dir.resolve("broken.json"), "{\"openapi\": \"3.0.3\", \"info\": {\"title\": }");
    assertThatThrownBy(() -> CaptureImporter.standard().importAll(dir, List.of(broken), ImportSettings.defaults(), BuildLog.silent()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("is not well-formed JSON");
  }
}
