package dev.cask.maven.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.GeneratedShapes;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.schema.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles real descriptions (fetched by {@code src/test/corpus/fetch-corpus.sh}): every document of ReadMe's
 * oas-examples that imports must compile (import failures are asserted by {@code OpenApiCorpusIT}), and GitHub's REST
 * description must give one valid tool per operation.
 */
class CompileCorpusIT {
  private static final Path CORPUS =
      Path.of(System.getProperty("cask.corpus", System.getProperty("user.home") + "/.cache/cask-corpus"));
  private static final Path GITHUB = CORPUS.resolve("github/api.github.com.json");

  private static Map<String, Tool> github;

  @BeforeAll
  static void compileGithub() {
    CompiledToolpack toolpack = compile(GITHUB);
    github = toolpack.tools().tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
  }

  private static CompiledToolpack compile(Path document) {
    Capture capture =
        CaptureImporter.standard()
            .importAll(document.getParent(), List.of(document), ImportSettings.defaults(), BuildLog.silent());
    return new ToolpackCompiler(CompileSettings.of("corpus", "1"), BuildLog.silent()).compile(capture);
  }

  @Test
  void githubGivesOneValidToolPerOperation() {
    assertThat(github).hasSize(1223);
    for (Tool tool : github.values()) {
      JsonNode input = tool.definition().inputSchema();
      assertThat(input.path("type").asText()).as(tool.name()).isEqualTo("object");
      assertThat(tool.name()).matches("[a-z0-9_]{1,64}");
      assertThat(tool.definition().description()).as(tool.name()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
    }
    // Validity is also checked by the compile itself; re-check a sample independently of it.
    github.values().stream().limit(200).forEach(tool ->
        assertThat(JsonSchemas.problems(tool.definition().inputSchema())).as(tool.name()).isEmpty());
    assertThat(github.values().stream().map(t -> t.definition().operation().id()).distinct()).hasSize(1223);
  }

  @Test
  void githubSpotTools() {
    ToolDefinition get = github.get("repos_get").definition();
    assertThat(get.method()).isEqualTo(HttpMethod.GET);
    assertThat(get.baseUrl()).isEqualTo("https://api.github.com");
    assertThat(get.path()).isEqualTo("/repos/{owner}/{repo}");
    assertThat(get.risk().tier()).isEqualTo(RiskTier.READ);
    assertThat(get.annotations().readOnlyHint()).isTrue();
    assertThat(get.inputSchema().get("required")).extracting(JsonNode::asText).containsExactly("owner", "repo");
    assertThat(get.outputSchema()).isNotNull();

    ToolDefinition create = github.get("issues_create").definition();
    assertThat(create.method()).isEqualTo(HttpMethod.POST);
    assertThat(create.path()).isEqualTo("/repos/{owner}/{repo}/issues");
    assertThat(create.risk().tier()).isEqualTo(RiskTier.WRITE);
    assertThat(create.annotations().destructiveHint()).isFalse();
    assertThat(create.binding().arguments()).extracting(ArgumentBinding::argument).contains("owner", "repo");
    assertThat(create.binding().body().mediaType()).isEqualTo("application/json");
    assertThat(create.inputSchema().at("/properties/body/required")).extracting(JsonNode::asText).contains("title");

    assertThat(github.get("repos_delete").definition().risk().tier()).isEqualTo(RiskTier.DESTRUCTIVE);
    assertThat(github.get("repos_delete").definition().annotations().destructiveHint()).isTrue();
    assertThat(github.get("actions_create_or_update_repo_secret").definition().risk().tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(github.get("users_add_email_for_authenticated_user").definition().risk().tier()).isEqualTo(RiskTier.SENSITIVE);
    assertThat(github.get("repos_upload_release_asset").definition().baseUrl()).isEqualTo("https://uploads.github.com");
  }

  @Test
  void everyGithubDigestEqualsTheReferenceJcsImplementation() throws Exception {
    for (Tool tool : github.values()) {
      String json = dev.cask.runtime.json.CaskMappers.json().writeValueAsString(tool.definition());
      byte[] reference = new org.erdtman.jcs.JsonCanonicalizer(json).getEncodedUTF8();
      assertThat(tool.digest()).as(tool.name()).isEqualTo(dev.cask.runtime.json.CanonicalJson.digestBytes(reference));
    }
  }

  @Test
  void githubRiskTiersAreAllPopulated() {
    Map<RiskTier, Long> tiers = github.values().stream()
        .collect(Collectors.groupingBy(t -> t.definition().risk().tier(), Collectors.counting()));
    System.out.println("GitHub risk tiers: " + tiers);
    assertThat(tiers).containsKeys(RiskTier.values());
  }

  @Test
  void githubEnterpriseCloudCompiles() {
    CompiledToolpack toolpack = compile(CORPUS.resolve("github/ghec.json"));
    assertThat(toolpack.tools().tools()).hasSize(1471);
    assertThat(toolpack.manifest().leftOutOperations()).isEmpty();
  }

  /**
   * The shapes of real inputs that once failed, generated (not only the named real files): each compiles through the
   * import facade the goals use, keeping every sound operation.
   */
  @Test
  void everyGeneratedShapeOfARealFailureCompiles(@org.junit.jupiter.api.io.TempDir Path dir) {
    int sixMb = 6 * 1024 * 1024;
    Map<Path, Integer> toolsPerShape = new java.util.LinkedHashMap<>();
    toolsPerShape.put(GeneratedShapes.lateVersionField(dir.resolve("late-json"), "api.json", false, false, sixMb), 1);
    toolsPerShape.put(GeneratedShapes.lateVersionField(dir.resolve("late-yaml"), "api.yaml", true, false, sixMb), 1);
    toolsPerShape.put(GeneratedShapes.lateVersionField(dir.resolve("late-swagger"), "api.yml", true, true, sixMb), 1);
    toolsPerShape.put(GeneratedShapes.refsInExamples(dir.resolve("refs-30"), "api.yaml", "3.0.3"), 1);
    toolsPerShape.put(GeneratedShapes.refsInExamples(dir.resolve("refs-31"), "api.yaml", "3.1.0"), 1);
    toolsPerShape.put(GeneratedShapes.refsInSwagger2Examples(dir.resolve("refs-20"), "api.yaml"), 1);
    toolsPerShape.put(GeneratedShapes.partlyUnsound(dir.resolve("unsound"), "api.yaml", false), 3);
    toolsPerShape.put(GeneratedShapes.partlyUnsound(dir.resolve("unsound-reversed"), "api.yaml", true), 3);
    toolsPerShape.put(GeneratedShapes.jsonNavigationHar(dir.resolve("har"), "navigations.har"), 4);
    toolsPerShape.forEach((file, tools) -> {
      CompiledToolpack toolpack = compile(file);
      assertThat(toolpack.tools().tools()).as(dir.relativize(file).toString()).hasSize(tools);
      toolpack.tools().tools().forEach(tool ->
          assertThat(JsonSchemas.problems(tool.definition().inputSchema())).as(tool.name()).isEmpty());
    });
    CompiledToolpack unsound = compile(dir.resolve("unsound/api.yaml"));
    assertThat(unsound.manifest().leftOutOperations()).hasSize(6);
  }

  @TestFactory
  Stream<DynamicTest> everyImportableExampleCompiles() throws IOException {
    Path examples = CORPUS.resolve("oas-examples");
    List<Path> documents;
    try (Stream<Path> files = Files.walk(examples)) {
      documents = files.filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
    }
    assertThat(documents).hasSizeGreaterThan(100);
    return documents.stream().map(file -> DynamicTest.dynamicTest(examples.relativize(file).toString(), () -> {
      Capture capture;
      try {
        capture = CaptureImporter.standard()
            .importAll(file.getParent(), List.of(file), ImportSettings.defaults(), BuildLog.silent());
      } catch (CaskException importFailure) {
        return; // asserted to be intended by OpenApiCorpusIT
      }
      CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("corpus", "1"), BuildLog.silent()).compile(capture);
      assertThat(toolpack.tools().tools()).hasSize(capture.operations().size());
      assertThat(toolpack.manifest().leftOutOperations()).isEqualTo(capture.leftOutOperations());
    }));
  }
}
