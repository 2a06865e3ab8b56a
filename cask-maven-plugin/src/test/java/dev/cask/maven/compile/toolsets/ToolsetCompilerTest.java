package dev.cask.maven.compile.toolsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.toolpack.Toolset;
import dev.cask.runtime.model.toolpack.Toolsets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled toolsets of the demo's bookshop API, and the project's own toolsets file with its errors. */
class ToolsetCompilerTest {
  private static final Path BOOKSHOP = Path.of("../cask-it/src/it/demo/src/main/cask/bookshop.yaml");
  private static Capture capture;

  @BeforeAll
  static void importBookshop() {
    capture = CaptureImporter.standard().importAll(Path.of("."), List.of(BOOKSHOP), ImportSettings.defaults(), BuildLog.silent());
  }

  private static CompiledToolpack compile(String projectToolsets) {
    CompileSettings settings = CompileSettings.of("bookshop", "1.0.0");
    if (projectToolsets != null) {
      settings = settings.withToolsets(new ToolsetCompiler.ProjectFile(
          projectToolsets.getBytes(StandardCharsets.UTF_8), "src/main/cask/toolsets.yaml"));
    }
    return new ToolpackCompiler(settings, BuildLog.silent()).compile(capture);
  }

  private static Map<String, List<String>> members(Toolsets toolsets) {
    Map<String, List<String>> members = new java.util.TreeMap<>();
    toolsets.toolsets().forEach((name, set) -> members.put(name, set.tools()));
    return members;
  }

  @Test
  void defaultAndTagSetsOfTheBookshop() {
    CompiledToolpack toolpack = compile(null);
    assertThat(members(toolpack.toolsets())).containsExactly(
        Map.entry("all-approved", List.of("add_book", "cancel_order", "delete_book", "get_book", "list_books",
            "place_order", "set_user_role")),
        Map.entry("readonly", List.of("get_book", "list_books")),
        Map.entry("tag-admin", List.of("set_user_role")),
        Map.entry("tag-books", List.of("add_book", "delete_book", "get_book", "list_books")),
        Map.entry("tag-orders", List.of("cancel_order", "place_order")),
        Map.entry("write", List.of("add_book", "get_book", "list_books", "place_order")));
    // Written into the toolpack, pinned by the manifest.
    byte[] file = toolpack.files().get("toolsets.yaml");
    assertThat(new String(file, StandardCharsets.UTF_8)).startsWith("# Cask toolsets:").contains("  readonly:\n");
    assertThat(toolpack.manifest().files()).containsEntry("toolsets.yaml", CanonicalJson.digestBytes(file));
  }

  @Test
  void projectSetsByTagRiskMethodHostPathAndName() {
    CompiledToolpack toolpack = compile("""
        formatVersion: 1
        toolsets:
          clerk:
            description: Books and orders, nothing that deletes or cancels
            include:
              - tags: [books, orders]
            exclude:
              - risk: [destructive, sensitive]
          by-path:
            include:
              - paths: ["/v2/books/*"]
                methods: [GET]
              - paths: ["/v2/orders/**"]
          by-name:
            include:
              - tools: ["list_*", set_user_role]
                hosts: ["127.0.0.1"]
        """);
    Map<String, List<String>> members = members(toolpack.toolsets());
    assertThat(members.get("clerk")).containsExactly("add_book", "get_book", "list_books", "place_order");
    assertThat(members.get("by-path")).containsExactly("cancel_order", "get_book", "place_order");
    assertThat(members.get("by-name")).containsExactly("list_books", "set_user_role");
    assertThat(toolpack.toolsets().toolset("clerk").map(Toolset::description))
        .contains("Books and orders, nothing that deletes or cancels");
    assertThat(toolpack.toolsets().toolset("by-path").map(Toolset::description).orElseThrow())
        .contains("src/main/cask/toolsets.yaml");
  }

  @Test
  void sameInputsSameBytes() {
    assertThat(compile(null).files().get("toolsets.yaml")).isEqualTo(compile(null).files().get("toolsets.yaml"));
  }

  @Test
  void anUnknownToolNamesFileLineAndFix() {
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          clerk:
            include:
              - tags: [books]
              - tools: [get_bok]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessage("src/main/cask/toolsets.yaml at toolsets.clerk.include[1].tools (line 6): names tool 'get_bok', "
            + "which this toolpack does not have. Fix: use a tool name of target/cask/tools.json (or a pattern such as get_*)");
  }

  @Test
  void anUnknownTagListsTheKnownOnes() {
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          clerk:
            include:
              - tags: [book]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolsets.clerk.include[0].tags (line 5)")
        .hasMessageContaining("names tag 'book', which no operation of this toolpack has (tags: admin, books, orders)");
  }

  @Test
  void aSetThatSelectsNothingIsAnError() {
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          empty:
            include:
              - methods: [PATCH]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("at toolsets.empty (line 3): toolset 'empty' selects no tool of this toolpack");
  }

  @Test
  void formatErrorsNameTheLine() {
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          readonly:
            include:
              - tags: [books]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolset name 'readonly' is taken by the compiled sets");
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          clerk:
            include:
              - risk: [harmless]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolsets.clerk.include[0]")
        .hasMessageContaining("line 5")
        .hasMessageContaining("harmless");
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          clerk:
            include:
              - tag: [books]
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("unknown field 'tag'")
        .hasMessageContaining("line 5");
    assertThatThrownBy(() -> compile("""
        formatVersion: 1
        toolsets:
          clerk:
            include:
              - {}
        """))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("toolsets.clerk.include[0] (line 5): the entry needs at least one of tools, tags, risk");
  }

  @Test
  void pathGlobs() {
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/books/*").matcher("/v2/books/{}").matches()).isTrue();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/books/*").matcher("/v2/books/{}/reviews").matches()).isFalse();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/**").matcher("/v2/books/{}/reviews").matches()).isTrue();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/orders/**").matcher("/v2/orders").matches()).isTrue();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/orders/**").matcher("/v2/ordersx").matches()).isFalse();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/books/{id}").matcher("/v2/books/{}").matches()).isTrue();
    assertThat(dev.cask.maven.compile.PathGlob.pattern("/v2/b.oks").matcher("/v2/books").matches()).as("dots are literal").isFalse();
    assertThat(ToolsetCompiler.slug("Pet Store / Admin")).isEqualTo("pet-store-admin");
  }
}
