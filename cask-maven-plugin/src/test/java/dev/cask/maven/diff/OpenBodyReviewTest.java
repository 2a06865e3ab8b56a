package dev.cask.maven.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a reviewer reads about properties a request body's schema does not name: a new tool says where its body takes
 * them (the source opened those places), and a change that lets them through, or stops doing so, is a loosened or
 * tightened input constraint, whichever keyword says it.
 */
class OpenBodyReviewTest {
  private static final ToolDefinition CREATE_USER = Fixtures.definitions("diff/v1-tools.yaml").get(2);

  private static ToolDefinition withBody(ToolDefinition definition, UnaryBody edit) {
    ObjectNode input = (ObjectNode) definition.inputSchema().deepCopy();
    edit.apply((ObjectNode) input.at("/properties/body"));
    return DiffEngineTest.copy(definition, Map.of("inputSchema", input));
  }

  private interface UnaryBody {
    void apply(ObjectNode body);
  }

  private static ToolpackDiff added(ToolDefinition definition) {
    ToolpackSnapshot now = ToolpackSnapshot.of("now",
        ToolSet.of("people", List.of(new Tool(CanonicalJson.digest(definition), definition, null))));
    return ToolpackDiffer.diff(null, now, null, Severity.HIGH);
  }

  @Test
  void aNewToolNamesThePlacesWhereItsBodyTakesUnnamedProperties() {
    ToolDefinition open = withBody(CREATE_USER, body -> {
      body.put("additionalProperties", true);
      ((ObjectNode) body.at("/properties/contact/anyOf/1")).putObject("additionalProperties").put("type", "string");
    });
    Change change = DiffEngineTest.only(added(open), "create_user", ChangeRule.TOOL_ADDED);
    assertThat(change.detail()).endsWith("; the body takes properties its schema does not name at body");
    ToolDefinition closed = withBody(CREATE_USER, body -> body.put("additionalProperties", false));
    assertThat(DiffEngineTest.only(added(closed), "create_user", ChangeRule.TOOL_ADDED).detail())
        .doesNotContain("does not name");
    ToolDefinition nested = withBody(CREATE_USER, body -> ((ObjectNode) body.at("/properties")).putObject("meta")
        .put("type", "object").put("additionalProperties", true));
    assertThat(DiffEngineTest.only(added(nested), "create_user", ChangeRule.TOOL_ADDED).detail())
        .endsWith("at body.meta");
  }

  @Test
  void openingOrClosingABodyIsAnInputConstraintChangeWhicheverKeywordSaysIt() {
    ToolDefinition closed = withBody(CREATE_USER, body -> body.put("additionalProperties", false));
    ToolDefinition open = withBody(CREATE_USER, body -> body.put("additionalProperties", true));
    ToolDefinition unevaluated = withBody(CREATE_USER, body -> body.put("unevaluatedProperties", false));
    assertThat(rules(closed, open)).containsExactly("input-constraint-loosened body: additionalProperties false → true");
    assertThat(rules(CREATE_USER, unevaluated))
        .containsExactly("input-constraint-tightened body: unevaluatedProperties (none) → false");
    assertThat(rules(unevaluated, CREATE_USER))
        .containsExactly("input-constraint-loosened body: unevaluatedProperties false → (none)");
  }

  private static List<String> rules(ToolDefinition before, ToolDefinition after) {
    return ToolComparer.compare(before, after).stream()
        .map(change -> change.rule().id() + " " + change.subject() + ": " + change.detail())
        .toList();
  }
}
