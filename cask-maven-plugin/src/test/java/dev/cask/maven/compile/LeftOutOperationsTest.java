package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.RecordingLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One operation that cannot be compiled does not stop an API: every sound operation becomes a tool, each unsound one
 * is left out with a warning naming the file, the place and the reason, and recorded in {@code toolpack.yaml} (and
 * {@code capture.json}); {@code -Dcask.strict=true} fails the build instead. Operations that differ only in placeholder
 * names are one HTTP operation: one tool, which says the other spellings it covers.
 */
class LeftOutOperationsTest {
  @TempDir Path dir;

  private CompiledToolpack compile(Path file, RecordingLog log) {
    Capture capture = CaptureImporter.standard().importAll(file.getParent(), List.of(file), ImportSettings.defaults(), log);
    return new ToolpackCompiler(CompileSettings.of("partly", "1.0.0"), log).compile(capture);
  }

  @Test
  void soundOperationsCompileAndEachUnsoundOneIsLeftOutWithItsPlaceAndReason() {
    Path file = GeneratedShapes.partlyUnsound(dir, "api.yaml", false);
    RecordingLog log = new RecordingLog();

    CompiledToolpack toolpack = compile(file, log);

    assertThat(toolpack.tools().tools()).extracting(Tool::name).containsExactly("cancel_thing", "get_health", "get_thing");
    Map<String, LeftOutOperation> leftOut = new java.util.TreeMap<>();
    toolpack.manifest().leftOutOperations().forEach(op -> leftOut.put(op.pointer(), op));
    assertThat(leftOut.keySet()).containsExactly(
        "/paths/relative~1path",
        "/paths/~1notes/get/parameters/0",
        "/paths/~1private/get/security/0/undeclared_scheme",
        "/paths/~1reports/post",
        "/paths/~1uploads/post/parameters/0/in",
        "/paths/~1v1~1{parent}/get");
    assertThat(leftOut.get("/paths/~1notes/get/parameters/0").reason()).startsWith("parameter has no name");
    assertThat(leftOut.get("/paths/~1notes/get/parameters/0").operation()).isEqualTo("GET /notes");
    assertThat(leftOut.get("/paths/~1reports/post").reason())
        .startsWith("its generated JSON Schema is not valid JSON Schema 2020-12: inputSchema /properties/body/properties/amount/type")
        .contains("/properties/body/properties/pages/minimum");
    assertThat(leftOut.get("/paths/~1v1~1{parent}/get").coveredBy()).isEqualTo("/paths/~1v1~1{name}/get");
    assertThat(leftOut.values()).allSatisfy(op -> assertThat(op.source()).isEqualTo("api.yaml"));

    assertThat(log.warnings).anySatisfy(line -> assertThat(line)
        .startsWith("api.yaml at /paths/~1notes/get/parameters/0: left out GET /notes: parameter has no name")
        .endsWith("(-Dcask.strict=true fails the build instead)"));
    assertThat(log.warnings).anySatisfy(line -> assertThat(line)
        .startsWith("api.yaml at /paths/~1reports/post: left out POST /reports: its generated JSON Schema"));
    assertThat(log.warnings).noneSatisfy(line -> assertThat(line).contains("/v1/{parent}"));
    assertThat(log.infos).anySatisfy(line -> assertThat(line).contains("GET /v1/{parent} is the same HTTP operation as GET /v1/{name}"));
  }

  @Test
  void theManifestAndTheCaptureRecordWhatWasLeftOut() {
    CompiledToolpack toolpack = compile(GeneratedShapes.partlyUnsound(dir, "api.yaml", false), new RecordingLog());

    String manifest = new String(toolpack.files().get("toolpack.yaml"), StandardCharsets.UTF_8);
    assertThat(manifest).contains("leftOut:", "/paths/~1notes/get/parameters/0", "/paths/~1v1~1{name}/get");
    ToolpackManifest read = CaskFiles.parse(CaskMappers.yaml(), toolpack.files().get("toolpack.yaml"), "toolpack.yaml",
        ToolpackManifest.class, "");
    assertThat(read).isEqualTo(toolpack.manifest());
    Capture capture = CaskFiles.parse(CaskMappers.json(), toolpack.files().get("capture.json"), "capture.json",
        Capture.class, "");
    assertThat(capture.leftOutOperations()).isEqualTo(toolpack.manifest().leftOutOperations());
  }

  @Test
  void aToolpackWithNothingLeftOutHasNoLeftOutField() {
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), new RecordingLog())
        .compile(ToolpackCompilerTest.sample());

    assertThat(new String(toolpack.files().get("toolpack.yaml"), StandardCharsets.UTF_8)).doesNotContain("leftOut");
    assertThat(new String(toolpack.files().get("capture.json"), StandardCharsets.UTF_8)).doesNotContain("leftOut");
  }

  @Test
  void oneToolCoversEverySpellingOfAnOperationWhateverTheKeyOrder() {
    CompiledToolpack forward = compile(GeneratedShapes.partlyUnsound(dir.resolve("a"), "api.yaml", false), new RecordingLog());
    CompiledToolpack reversed = compile(GeneratedShapes.partlyUnsound(dir.resolve("b"), "api.yaml", true), new RecordingLog());

    Tool thing = forward.tools().tools().stream().filter(t -> t.name().equals("get_thing")).findFirst().orElseThrow();
    assertThat(thing.definition().path()).isEqualTo("/v1/{name}");
    assertThat(thing.definition().description())
        .isEqualTo("Get a thing\n\nAlso covers GET /v1/{parent}: the same HTTP request, declared with other placeholder names.");
    assertThat(reversed.files().get("tools.json")).isEqualTo(forward.files().get("tools.json"));
    assertThat(reversed.manifest().leftOutOperations()).isEqualTo(forward.manifest().leftOutOperations());
  }

  @Test
  void strictFailsTheBuildListingEveryUnsoundOperation() {
    Path file = GeneratedShapes.partlyUnsound(dir, "api.yaml", false);

    assertThatThrownBy(() -> CaptureImporter.standard()
            .importAll(dir, List.of(file), ImportSettings.defaults().withStrict(true), new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("4 operation(s) cannot be compiled (found by the import), and -Dcask.strict=true makes")
        .hasMessageContaining("api.yaml#/paths/~1notes/get/parameters/0 (GET /notes): parameter has no name")
        .hasMessageNotContaining("/v1/{parent}")
        .hasMessageContaining("Fix: correct each operation named, or build without -Dcask.strict");

    Capture imported = CaptureImporter.standard().importAll(dir, List.of(file), ImportSettings.defaults(), new RecordingLog());
    assertThatThrownBy(() -> new ToolpackCompiler(CompileSettings.of("partly", "1").withStrict(true), new RecordingLog())
            .compile(imported))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("1 operation(s) cannot be compiled (found by the compile)")
        .hasMessageContaining("api.yaml#/paths/~1reports/post (POST /reports): its generated JSON Schema");
  }

  @Test
  void aDocumentWhoseEveryOperationIsUnsoundFailsNamingThem() {
    Path file = GeneratedShapes.write(dir.resolve("api.yaml"), """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        servers: [{url: "https://api.example.com"}]
        paths:
          /a:
            get:
              parameters: [{in: query, schema: {type: string}}]
              responses: {'200': {description: ok}}
          /b:
            get:
              parameters: [{name: x, in: body}]
              responses: {'200': {description: ok}}
        """);

    assertThatThrownBy(() -> compile(file, new RecordingLog()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("api.yaml at /paths/~1a/get/parameters/0: none of its 2 operations can be compiled"
            + " (and 1 more: /paths/~1b/get/parameters/0/in); the first: parameter has no name");
  }
}
