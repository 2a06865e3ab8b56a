package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.CapturedOperation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolNamerTest {
  @Test
  void operationIdBecomesSnakeCase() {
    assertThat(ToolNamer.baseName(op("GET", "/repos/{owner}/{repo}").id("repos/get").build())).isEqualTo("repos_get");
    assertThat(ToolNamer.baseName(op("GET", "/x").id("getUserByID").build())).isEqualTo("get_user_by_id");
    assertThat(ToolNamer.baseName(op("POST", "/x").id("actions/create-workflow-dispatch").build()))
        .isEqualTo("actions_create_workflow_dispatch");
  }

  @Test
  void withoutOperationIdVerbAndStaticSegmentsSkippingVersions() {
    assertThat(ToolNamer.baseName(op("GET", "/v2/users").build())).isEqualTo("list_users");
    assertThat(ToolNamer.baseName(op("GET", "/users/{id}").build())).isEqualTo("get_users");
    assertThat(ToolNamer.baseName(op("GET", "/users/{userId}/orders").build())).isEqualTo("list_users_orders");
    assertThat(ToolNamer.baseName(op("POST", "/users").build())).isEqualTo("create_users");
    assertThat(ToolNamer.baseName(op("PATCH", "/users/{id}").build())).isEqualTo("update_users");
    assertThat(ToolNamer.baseName(op("PUT", "/users/{id}").build())).isEqualTo("replace_users");
    assertThat(ToolNamer.baseName(op("DELETE", "/users/{id}").build())).isEqualTo("delete_users");
    assertThat(ToolNamer.baseName(op("GET", "/").build())).isEqualTo("list_root");
    assertThat(ToolNamer.baseName(op("GET", "/2024-01-01/reports").build())).isEqualTo("list_reports");
  }

  @Test
  void nonAsciiOperationIdFallsBackToVerbNoun() {
    assertThat(ToolNamer.baseName(op("GET", "/items").id("获取列表").build())).isEqualTo("list_items");
  }

  @Test
  void longNamesAreCutWithAStableHashAndFit64() {
    String longId = "a".repeat(30) + "_" + "b".repeat(30) + "_" + "c".repeat(30);
    String name = ToolNamer.baseName(op("GET", "/x").id(longId).build());
    assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[a-z0-9_]+").matches(".*_[0-9a-f]{6}");
    assertThat(ToolNamer.baseName(op("GET", "/x").id(longId).build())).isEqualTo(name);
  }

  @Test
  void collisionsKeepTheFirstIdentityPlainAndSuffixOthersByTheirOwnIdentity() {
    CapturedOperation a = op("GET", "/users").baseUrl("https://a.example.com").build();
    CapturedOperation b = op("GET", "/users").baseUrl("https://b.example.com").build();
    Map<OperationKey, String> names = ToolNamer.name(List.of(b, a));
    assertThat(names.get(a.key())).isEqualTo("list_users");
    assertThat(names.get(b.key())).matches("list_users_[0-9a-f]{6}");
    assertThat(names.values()).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z0-9_]{1,64}"));
  }

  @Test
  void addingOrRemovingUnrelatedOperationsNeverRenames() {
    CapturedOperation a = op("GET", "/users").baseUrl("https://a.example.com").build();
    CapturedOperation b = op("GET", "/users").baseUrl("https://b.example.com").build();
    CapturedOperation c = op("GET", "/orders/{id}").build();
    Map<OperationKey, String> before = ToolNamer.name(List.of(a, b));
    Map<OperationKey, String> after = ToolNamer.name(List.of(c, a, b, op("POST", "/orders").build()));
    assertThat(after.get(a.key())).isEqualTo(before.get(a.key()));
    assertThat(after.get(b.key())).isEqualTo(before.get(b.key()));
  }

  @Test
  void snakeCaseCollisionOfTwoOperationIds() {
    CapturedOperation camel = op("GET", "/a").id("getUser").build();
    CapturedOperation snake = op("GET", "/b").id("get_user").build();
    Map<OperationKey, String> names = ToolNamer.name(List.of(camel, snake));
    assertThat(names.values()).containsExactlyInAnyOrder("get_user", names.get(snake.key()));
    assertThat(names.get(snake.key())).startsWith("get_user_");
  }
}
