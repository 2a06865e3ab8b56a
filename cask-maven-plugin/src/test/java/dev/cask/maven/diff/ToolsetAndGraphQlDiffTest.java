package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.compile.CompileSettings;
import dev.cask.maven.compile.CompiledToolpack;
import dev.cask.maven.compile.ToolpackCompiler;
import dev.cask.maven.compile.toolsets.ToolsetCompiler;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** cask:diff reports a tool entering or leaving a toolset, and a changed GraphQL document, like any other change. */
class ToolsetAndGraphQlDiffTest {
  private static final Capture BOOKSHOP = CaptureImporter.standard().importAll(Path.of("."),
      List.of(Path.of("../cask-it/src/it/demo/src/main/cask/bookshop.yaml")), ImportSettings.defaults(), BuildLog.silent());

  private static ToolpackSnapshot compile(String label, String projectToolsets) {
    CompileSettings settings = CompileSettings.of("bookshop", "1.0.0");
    if (projectToolsets != null) {
      settings = settings.withToolsets(new ToolsetCompiler.ProjectFile(projectToolsets.getBytes(StandardCharsets.UTF_8),
          "src/main/cask/toolsets.yaml"));
    }
    CompiledToolpack toolpack = new ToolpackCompiler(settings, BuildLog.silent()).compile(BOOKSHOP);
    return new ToolpackSnapshot(label, toolpack.tools(), toolpack.policy(), CanonicalJson.digest(toolpack.policy()),
        toolpack.capture(), toolpack.toolsets(), CanonicalJson.digest(toolpack.toolsets()));
  }

  private static final String CLERK = """
      formatVersion: 1
      toolsets:
        clerk:
          include:
            - tools: [list_books, get_book]
      """;

  @Test
  void aToolEnteringAToolsetIsAChangeWithTheToolsRiskAsSeverity() {
    ToolpackSnapshot base = compile("base", CLERK);
    ToolpackSnapshot current = compile("current", CLERK.replace("[list_books, get_book]", "[list_books, delete_book]"));
    ToolpackDiff diff = ToolpackDiffer.diff(base, current, null, Severity.HIGH);
    assertThat(diff.toolpackChanges()).filteredOn(c -> c.subject().equals("clerk")).satisfiesExactlyInAnyOrder(
        added -> {
          assertThat(added.rule()).isEqualTo(ChangeRule.TOOLSET_TOOL_ADDED);
          assertThat(added.severity()).isEqualTo(Severity.HIGH);
          assertThat(added.detail()).isEqualTo("delete_book (destructive) enters toolset clerk");
          assertThat(added.pointer()).isEqualTo("/toolsets/clerk/tools/delete_book");
        },
        removed -> {
          assertThat(removed.rule()).isEqualTo(ChangeRule.TOOLSET_TOOL_REMOVED);
          assertThat(removed.detail()).isEqualTo("get_book leaves toolset clerk");
        });
    assertThat(diff.failing()).isNotEmpty();
  }

  @Test
  void approvedToolsetsAreAccepted() {
    ToolpackSnapshot base = compile("base", CLERK);
    ToolpackSnapshot current = compile("current", CLERK.replace("get_book", "add_book"));
    ApprovedState approved = new ApprovedState("cask.lock.yaml", new TreeMap<>(), current.policyDigest(),
        List.of("alice"), current.toolsetsDigest());
    ToolpackDiff diff = ToolpackDiffer.diff(base, current, approved, Severity.HIGH);
    assertThat(diff.toolpackChanges()).filteredOn(c -> c.rule() == ChangeRule.TOOLSET_TOOL_ADDED)
        .singleElement().satisfies(change -> assertThat(change.acceptance()).isNotNull());
  }

  @Test
  void withDigestsOnlyAChangedToolsetsFileIsReported() {
    ToolpackSnapshot current = compile("current", CLERK);
    ApprovedState approved = new ApprovedState("cask.lock.yaml", new TreeMap<>(), current.policyDigest(),
        List.of("alice"), "sha256:" + "0".repeat(64));
    ToolpackDiff diff = ToolpackDiffer.diff(null, current, approved, Severity.HIGH);
    assertThat(diff.toolpackChanges()).anySatisfy(change -> {
      assertThat(change.rule()).isEqualTo(ChangeRule.CHANGED_UNDETAILED);
      assertThat(change.pointer()).isEqualTo("/toolsets");
    });
  }

  @Test
  void aChangedGraphQlDocumentIsAHighChange() {
    ToolDefinition before = graphql("query GetBook($id: ID!) {\n  book(id: $id) {\n    id\n  }\n}\n");
    ToolDefinition after = graphql("query GetBook($id: ID!) {\n  book(id: $id) {\n    id\n    secretNotes\n  }\n}\n");
    assertThat(ToolComparer.compare(before, after)).singleElement().satisfies(change -> {
      assertThat(change.rule()).isEqualTo(ChangeRule.GRAPHQL_DOCUMENT_CHANGED);
      assertThat(change.severity()).isEqualTo(Severity.HIGH);
      assertThat(change.after()).contains("secretNotes");
    });
  }

  private static ToolDefinition graphql(String document) {
    var schema = dev.cask.runtime.json.CaskMappers.json().createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("id").put("type", "string");
    schema.put("additionalProperties", false);
    return new ToolDefinition("get_book", "Runs the GraphQL query GetBook.", HttpMethod.POST, "https://api.example.com",
        "/graphql#GetBook", schema, null, new Risk(RiskTier.READ, List.of("GraphQL query is read-only")),
        new ToolAnnotations("GetBook", true, false, true, true),
        new RequestBinding(List.of(), null, new GraphQlBinding("query", "GetBook", document, List.of("id"))), List.of(), false);
  }
}
