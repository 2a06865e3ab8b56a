package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.SecurityRequirement;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffEngineTest {
  private static final ToolpackSnapshot V1 = Fixtures.snapshot("v1");
  private static final ToolpackSnapshot V2 = Fixtures.snapshot("v2");

  static Set<ChangeRule> rules(ToolpackDiff diff) {
    return diff.allChanges().stream().map(Change::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(ChangeRule.class)));
  }

  @Test
  void theFixturePairExercisesEveryDiffRule() {
    Set<ChangeRule> expected = EnumSet.allOf(ChangeRule.class);
    expected.removeIf(rule -> rule.category() == ChangeRule.Category.DRIFT);
    expected.remove(ChangeRule.CHANGED_UNDETAILED); // needs digests without definitions: see below
    // need captures with left-out operations: LeftOutDiffTest compiles real shapes for them
    expected.removeAll(EnumSet.of(ChangeRule.OPERATION_LEFT_OUT, ChangeRule.OPERATION_COMPILED));
    // need toolsets and GraphQL operations: ToolsetAndGraphQlDiffTest compiles real ones for them
    expected.removeAll(EnumSet.of(ChangeRule.TOOLSET_TOOL_ADDED, ChangeRule.TOOLSET_TOOL_REMOVED,
        ChangeRule.GRAPHQL_DOCUMENT_CHANGED));
    assertThat(rules(ToolpackDiffer.diff(V1, V2, null, Severity.HIGH))).containsAll(expected);
  }

  @Test
  void aRenameIsTheSameOperationAndAMovedToolIsPairedByName() {
    ToolpackDiff diff = ToolpackDiffer.diff(V1, V2, null, Severity.HIGH);
    ToolDiff renamed = tool(diff, "find_users");
    assertThat(renamed.previousName()).isEqualTo("search");
    assertThat(renamed.status()).isEqualTo(ToolStatus.CHANGED);
    assertThat(renamed.changes()).extracting(Change::rule).containsExactly(ChangeRule.TOOL_RENAMED);
    assertThat(tool(diff, "update_user").changes()).extracting(Change::rule).contains(ChangeRule.METHOD_CHANGED);
    assertThat(tool(diff, "update_user").operation()).isEqualTo("PATCH api.example.com/v1/users/{}");
    assertThat(diff.tools()).extracting(ToolDiff::name).doesNotContain("search");
  }

  @Test
  void severitiesFollowContext() {
    ToolpackDiff diff = ToolpackDiffer.diff(V1, V2, null, Severity.HIGH);
    assertThat(only(diff, "admin_impersonate", ChangeRule.TOOL_ADDED).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(only(diff, "get_health", ChangeRule.TOOL_ADDED).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(only(diff, "get_team", ChangeRule.BASE_URL_CHANGED).severity()).as("https → http").isEqualTo(Severity.HIGH);
    assertThat(only(diff, "get_user", ChangeRule.ANNOTATIONS_CHANGED).severity()).as("title only").isEqualTo(Severity.LOW);
    assertThat(only(diff, "get_user", ChangeRule.DESCRIPTION_INSTRUCTION).severity()).isEqualTo(Severity.CRITICAL);
    diff.allChanges().stream().filter(c -> c.rule().category() == ChangeRule.Category.DESCRIPTION)
        .forEach(c -> assertThat(c.severity()).as(c.toString()).isGreaterThanOrEqualTo(Severity.HIGH));
  }

  @Test
  void descriptionChangesCarryAWordDiffThatRebuildsBothTexts() {
    ToolpackDiff diff = ToolpackDiffer.diff(V1, V2, null, Severity.HIGH);
    Change change = only(diff, "list_users", ChangeRule.DESCRIPTION_CHANGED);
    assertThat(change.words().before()).isEqualTo(change.before()).isEqualTo("List users in the organization, newest first.");
    assertThat(change.words().after()).isEqualTo(change.after());
    assertThat(change.words().insertedText()).isEqualTo("oldest first, including suspended accounts.");
  }

  @Test
  void aSharedRecursiveDefinitionIsReportedOnce() {
    ToolpackDiff diff = ToolpackDiffer.diff(V1, V2, null, Severity.HIGH);
    assertThat(tool(diff, "list_users").changes()).filteredOn(c -> c.rule() == ChangeRule.OUTPUT_PROPERTY_ADDED)
        .extracting(Change::pointer).containsExactly("/outputSchema/$defs/User/properties/email");
  }

  @Test
  void approvedChangesAreAcceptedWithTheirSignerAndDoNotFail() {
    ToolpackDiff open = ToolpackDiffer.diff(V1, V2, null, Severity.HIGH);
    ApprovedState approved = Fixtures.approve(V2, "alice", V2.tools().tools().stream().map(Tool::name).toArray(String[]::new));
    approved = new ApprovedState(approved.source(), approved.tools(), V2.policyDigest(), List.of("bob"));
    ToolpackDiff accepted = ToolpackDiffer.diff(V1, V2, approved, Severity.HIGH);
    assertThat(open.failed()).isTrue();
    assertThat(accepted.allChanges()).hasSameSizeAs(open.allChanges()).allMatch(Change::isAccepted);
    assertThat(accepted.failed()).isFalse();
    assertThat(only(accepted, "get_user", ChangeRule.DESCRIPTION_CHANGED).acceptance().signers()).containsExactly("alice");
    assertThat(accepted.toolpackChanges()).filteredOn(c -> c.rule() == ChangeRule.POLICY_ALLOW_WIDENED)
        .allMatch(c -> c.acceptance().signers().equals(List.of("bob")));
  }

  @Test
  void anApprovalOfAnOlderDigestDoesNotCoverTheNewDefinition() {
    ApprovedState stale = Fixtures.approve(V1, "alice", "get_user"); // pins the v1 digest
    ToolpackDiff diff = ToolpackDiffer.diff(V1, V2, stale, Severity.HIGH);
    assertThat(tool(diff, "get_user").changes()).noneMatch(Change::isAccepted);
    assertThat(diff.failing()).extracting(Change::rule).contains(ChangeRule.DESCRIPTION_INSTRUCTION);
  }

  @Test
  void theThresholdDecidesTheVerdict() {
    assertThat(ToolpackDiffer.diff(V1, V2, null, Severity.CRITICAL).failing())
        .extracting(Change::tool).containsExactlyInAnyOrder("admin_impersonate", "get_user");
    assertThat(ToolpackDiffer.diff(V1, V2, null, null).failed()).isFalse();
    assertThat(ToolpackDiffer.diff(V1, V1, null, Severity.INFO).allChanges()).isEmpty();
  }

  @Test
  void withOnlyApprovedDigestsChangedToolsAreReportedUndetailedNeverUnchanged() {
    ApprovedState approved = Fixtures.approve(V1, "alice",
        V1.tools().tools().stream().map(Tool::name).toArray(String[]::new));
    approved = new ApprovedState(approved.source(), approved.tools(), V1.policyDigest(), List.of("alice"));
    ToolpackDiff diff = ToolpackDiffer.diff(null, V2, approved, Severity.HIGH);
    assertThat(diff.baseline()).isEqualTo("approved digests in cask.lock.yaml");
    assertThat(only(diff, "get_user", ChangeRule.CHANGED_UNDETAILED).severity()).isEqualTo(Severity.HIGH);
    assertThat(tool(diff, "find_users").changes()).extracting(Change::rule)
        .containsExactly(ChangeRule.TOOL_RENAMED, ChangeRule.CHANGED_UNDETAILED);
    assertThat(only(diff, "create_user", ChangeRule.RISK_RAISED).detail()).isEqualTo("write → sensitive");
    assertThat(tool(diff, "admin_impersonate").status()).isEqualTo(ToolStatus.ADDED);
    assertThat(tool(diff, "ping").status()).isEqualTo(ToolStatus.REMOVED);
    assertThat(diff.toolpackChanges()).extracting(Change::rule)
        .contains(ChangeRule.CHANGED_UNDETAILED, ChangeRule.NEW_UPSTREAM_HOST);
    ToolpackDiff same = ToolpackDiffer.diff(null, V1, approved, Severity.INFO);
    assertThat(same.allChanges()).isEmpty();
  }

  @Test
  void withNothingToCompareEveryToolIsNew() {
    ToolpackDiff diff = ToolpackDiffer.diff(null, V1, null, Severity.HIGH);
    assertThat(diff.count(ToolStatus.ADDED)).isEqualTo(V1.tools().tools().size());
    assertThat(diff.toolpackChanges()).extracting(Change::subject).containsExactly("api.example.com", "cdn.example.com");
  }

  /** Every field of a tool definition is covered: two definitions with different digests always differ in a change. */
  @Test
  void everyDefinitionFieldChangeIsSeen() {
    ToolDefinition base = Fixtures.definitions("diff/v1-tools.yaml").get(2); // create_user: has a body
    List<UnaryOperator<ToolDefinition>> edits = List.of(
        d -> copy(d, Map.of("name", "make_user")),
        d -> copy(d, Map.of("description", "Create a user!")),
        d -> copy(d, Map.of("method", HttpMethod.PUT)),
        d -> copy(d, Map.of("baseUrl", "https://api.example.com/v2")),
        d -> copy(d, Map.of("path", "/people")),
        d -> copy(d, Map.of("inputSchema", ((ObjectNode) d.inputSchema().deepCopy()).put("$comment", "x"))),
        d -> copy(d, Map.of("outputSchema", SchemaComparerTest.json("{'type':'object'}"))),
        d -> copy(d, Map.of("risk", new Risk(RiskTier.WRITE, List.of("method POST", "x")))),
        d -> copy(d, Map.of("annotations", new ToolAnnotations("Create a user", false, false, false, false))),
        d -> copy(d, Map.of("binding", new RequestBinding(List.of(), new BodyBinding("body", "application/x-www-form-urlencoded")))),
        d -> copy(d, Map.of("binding", new RequestBinding(List.of(), new BodyBinding("payload", "application/json")))),
        d -> copy(d, Map.of("binding", new RequestBinding(List.of(new ArgumentBinding("body", ParameterLocation.QUERY, "body", null, null)), null))),
        d -> copy(d, Map.of("security", List.of(new SecurityRequirement(new TreeMap<>(Map.of("key", List.of())))))),
        d -> copy(d, Map.of("deprecated", true)));
    for (UnaryOperator<ToolDefinition> edit : edits) {
      ToolDefinition changed = edit.apply(base);
      assertThat(CanonicalJson.digest(changed)).isNotEqualTo(CanonicalJson.digest(base));
      assertThat(ToolComparer.compare(base, changed)).as("edit giving %s", changed).isNotEmpty();
    }
  }

  static ToolDiff tool(ToolpackDiff diff, String name) {
    return diff.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  static Change only(ToolpackDiff diff, String tool, ChangeRule rule) {
    List<Change> found = tool(diff, tool).changes().stream().filter(c -> c.rule() == rule).toList();
    assertThat(found).as(tool + " " + rule).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  static ToolDefinition copy(ToolDefinition d, Map<String, Object> with) {
    return new ToolDefinition(
        (String) with.getOrDefault("name", d.name()),
        (String) with.getOrDefault("description", d.description()),
        (HttpMethod) with.getOrDefault("method", d.method()),
        (String) with.getOrDefault("baseUrl", d.baseUrl()),
        (String) with.getOrDefault("path", d.path()),
        (com.fasterxml.jackson.databind.JsonNode) with.getOrDefault("inputSchema", d.inputSchema()),
        (com.fasterxml.jackson.databind.JsonNode) with.getOrDefault("outputSchema", d.outputSchema()),
        (Risk) with.getOrDefault("risk", d.risk()),
        (ToolAnnotations) with.getOrDefault("annotations", d.annotations()),
        (RequestBinding) with.getOrDefault("binding", d.binding()),
        (List<SecurityRequirement>) with.getOrDefault("security", d.security()),
        (Boolean) with.getOrDefault("deprecated", d.deprecated()));
  }
}
