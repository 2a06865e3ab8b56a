package dev.cask.maven.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.maven.gate.GateCheck;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.gate.StatusTable;
import dev.cask.maven.importers.CaptureImporter;
import dev.cask.maven.importers.ImportSettings;
import dev.cask.maven.importers.graphql.GraphQlRecording;
import dev.cask.maven.importers.graphql.GraphQlShop;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cask:verify} on GraphQL traffic recorded from a real graphql-java server: each operation's recorded calls are
 * reproduced by the runtime's request builder from their variables and the pinned document (batches and GET requests
 * included; a call that sent a persisted-query hash alone is counted, never replayed), and a tool whose pinned
 * document was changed after the recording fails replay at the query.
 */
class GraphQlVerificationTest {
  @TempDir Path dir;

  private VerifyProject project() throws Exception {
    try (GraphQlShop shop = GraphQlShop.start()) {
      GraphQlRecording.record(shop, dir.resolve("src/main/cask"));
    }
    Capture capture = CaptureImporter.standard().importAll(dir, List.of(Path.of("src/main/cask/graphql.har")),
        ImportSettings.defaults(), BuildLog.silent());
    return new VerifyProject(dir).compile(capture, UnaryOperator.identity());
  }

  @Test
  void everyGraphQlOperationsRecordedCallsAreReproducedWithItsPinnedDocument() throws Exception {
    VerifyReport report = project().verify().report();

    Map<String, CheckStatus> replay = VerifyProject.statuses(report, Contract.REPLAY);
    // the seven named operations, the anonymous query (by document hash) and the JSON search call that is not GraphQL
    assertThat(replay).as("every recorded call belongs to its tool").doesNotContainKey(ToolCheck.TOOLPACK)
        .containsOnlyKeys("add_book", "create_search", "delete_book", "get_book", "list_books", "priced_books", "query_me",
            "set_user_role", "update_email")
        .allSatisfy((tool, status) -> assertThat(status).as(tool).isEqualTo(CheckStatus.PASSED));
    assertThat(VerifyProject.statuses(report, Contract.PROVENANCE)).allSatisfy((tool, status) ->
        assertThat(status).as(tool).isEqualTo(CheckStatus.PASSED));
  }

  @Test
  void aPinnedDocumentChangedAfterTheRecordingFailsReplayAtTheQuery() throws Exception {
    VerifyProject project = project();
    project.edit(tool -> !tool.name().equals("list_books") ? tool : withDocument(tool,
        tool.binding().graphql().document().replace("title", "title\n    price")), capture -> capture);

    ToolCheck check = VerifyProject.check(project.verify().report(), Contract.REPLAY, "list_books");
    assertThat(check.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(check.detail()).startsWith("src/main/cask/graphql.har#entries/").contains(": JSON body: at /query: recorded ");
  }

  @Test
  void gateStatusListsEachGraphQlOperationWithItsRiskAndTheToolsets() throws Exception {
    VerifyProject project = project();

    List<String> lines = StatusTable.lines(new GateCheck(VerifyProject.CLOCK, BuildLog.silent()).verify(GateSettings.of(dir)));
    System.out.println("cask:gate-status of the recorded GraphQL capture:\n  " + String.join("\n  ", lines));

    assertThat(lines).anyMatch(line -> line.matches("get_book +read +approved +alice +approved"));
    assertThat(lines).anyMatch(line -> line.matches("add_book +write +approved +alice +approved"));
    assertThat(lines).anyMatch(line -> line.matches("delete_book +destructive +approved +alice +approved"));
    assertThat(lines).anyMatch(line -> line.matches("set_user_role +sensitive +approved +alice +approved"));
    assertThat(lines).noneMatch(line -> line.startsWith("on_book_added")); // a subscription is never a tool
    assertThat(lines).anyMatch(line -> line.startsWith("toolsets (approved with the policy): ") && line.contains("readonly (")
        && line.contains("tag-graphql ("));
  }

  private static ToolDefinition withDocument(ToolDefinition tool, String document) {
    GraphQlBinding pinned = tool.binding().graphql();
    GraphQlBinding edited = new GraphQlBinding(pinned.operationType(), pinned.operationName(), document, pinned.variables());
    return new ToolDefinition(tool.name(), tool.description(), tool.method(), tool.baseUrl(), tool.path(),
        tool.inputSchema(), tool.outputSchema(), tool.outputWrapped(), tool.risk(), tool.annotations(),
        new RequestBinding(List.of(), null, edited), tool.security(), tool.deprecated());
  }
}
