package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.maven.importers.RecordingLog;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationSelectionTest {
  private static final CapturedOperation GET_USER = op("GET", "/users/{userId}").id("getUser").build();
  private static final CapturedOperation LIST_MEMBERS = op("GET", "/groups/{id}/members").id("listMembers").build();
  private static final CapturedOperation GET_ME = op("GET", "/me").id("getMe").build();
  private static final CapturedOperation PATCH_ME = op("PATCH", "/me").id("updateMe").build();

  @Test
  void globsMatchTheFullPathOnTheHostAndAMethodNarrowsThem() {
    // Ops puts every operation under https://api.example.com/v1: the base path is part of what a glob matches.
    OperationSelection users = OperationSelection.of(List.of("/v1/users/**"));
    assertThat(users.selects(GET_USER)).isTrue();
    assertThat(users.selects(GET_ME)).isFalse();
    OperationSelection getMe = OperationSelection.of(List.of("GET /v1/me", "/v1/groups/*/members"));
    assertThat(getMe.selects(GET_ME)).isTrue();
    assertThat(getMe.selects(PATCH_ME)).as("another method").isFalse();
    assertThat(getMe.selects(LIST_MEMBERS)).as("placeholders compare by position").isTrue();
    assertThat(OperationSelection.of(List.of()).selects(PATCH_ME)).as("no entry: everything").isTrue();
  }

  @Test
  void aMalformedEntryIsAnErrorNamingIt() {
    assertThatThrownBy(() -> OperationSelection.of(List.of("/v1/me", "users/**")))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("cask.operations at entry 2: 'users/**' is not an operation selection: a path glob starts"
            + " with '/'")
        .hasMessageContaining("GET /me");
    assertThatThrownBy(() -> OperationSelection.of(List.of("FETCH /v1/me")))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("'FETCH' is not an HTTP method");
  }

  @Test
  void theCompileMakesToolsOfTheSelectedOperationsOnlyUnderTheNamesTheyHaveInTheWholeSource() {
    Capture capture = Ops.capture(GET_USER, LIST_MEMBERS, GET_ME, PATCH_ME);
    List<String> whole = new ToolpackCompiler(CompileSettings.of("demo", "1.0.0"), BuildLog.silent()).compile(capture)
        .tools().tools().stream().map(Tool::name).toList();
    RecordingLog log = new RecordingLog();
    List<String> part = new ToolpackCompiler(CompileSettings.of("demo", "1.0.0").withOperations(List.of("/v1/me")), log)
        .compile(capture).tools().tools().stream().map(Tool::name).toList();
    assertThat(part).hasSize(2).allMatch(whole::contains);
    assertThat(log.infos).contains("compile demo: 2 of 4 operations selected by cask.operations (/v1/me)");

    assertThatThrownBy(() -> new ToolpackCompiler(
        CompileSettings.of("demo", "1.0.0").withOperations(List.of("/users/**")), BuildLog.silent()).compile(capture))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("cask.operations: selects none of the source's 4 operations (/users/**)")
        .hasMessageContaining("GET /v1/users/{userId}");
  }
}
