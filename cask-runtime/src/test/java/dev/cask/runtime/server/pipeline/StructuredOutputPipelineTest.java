package dev.cask.runtime.server.pipeline;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.schema.JsonSchemas;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.LocalUpstream.Reply;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured content always matches the schema the tool advertises: a wrapped tool answers {@code {"result": body}}
 * (redacted), an object tool the body itself; a success without a matching JSON body is an error result, never a
 * success without structured content. A toolpack whose output schemas clients would refuse is not served at all.
 */
class StructuredOutputPipelineTest {
  private static final String ENVELOPE_OF_ITEMS =
      "{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Item\"}}},"
          + "\"required\":[\"result\"],\"$defs\":{\"Item\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
          + "\"password\":{\"type\":\"string\"}},\"required\":[\"id\"]}}}";

  @TempDir Path dir;
  private LocalUpstream upstream;
  private PipelineHarness harness;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = LocalUpstream.start();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    upstream.close();
  }

  private static Tool wrapped(Tool tool) {
    ToolDefinition d = tool.definition();
    ToolDefinition definition = new ToolDefinition(d.name(), d.description(), d.method(), d.baseUrl(), d.path(),
        d.inputSchema(), d.outputSchema(), Boolean.TRUE, d.risk(), d.annotations(), d.binding(), d.security(),
        d.deprecated());
    return new Tool(CanonicalJson.digest(definition), definition, null);
  }

  private Tool listItems() {
    return wrapped(ToolFixtures.tool("list_items").baseUrl(upstream.baseUrl()).path("/items/{kind}")
        .param("kind", ParameterLocation.PATH, "{\"type\":\"string\"}").output(ENVELOPE_OF_ITEMS).build());
  }

  private Tool countItems() {
    return wrapped(ToolFixtures.tool("count_items").baseUrl(upstream.baseUrl()).path("/count/{kind}")
        .param("kind", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .output("{\"type\":\"object\",\"properties\":{\"result\":{\"type\":[\"integer\",\"null\"]}},\"required\":[\"result\"]}")
        .build());
  }

  private Tool getItem() {
    return ToolFixtures.tool("get_item").baseUrl(upstream.baseUrl()).path("/item/{kind}")
        .param("kind", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .output("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}").build();
  }

  private void start(Tool... tools) {
    harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), tools),
        PipelineSettings.builder(dir.resolve("audit.jsonl")).allowNetworks(List.of("127.0.0.1/32")).build());
  }

  private static void assertValidAgainstAdvertised(Tool tool, ToolCallOutcome outcome) {
    assertThat(JsonSchemas.compile(tool.definition().outputSchema()).validate(outcome.structuredContent())).isEmpty();
  }

  @Test
  void anArrayBodyIsWrappedRedactedAndMatchesTheAdvertisedSchema() {
    upstream.on("/items/all", request ->
        Reply.json(200, "[{\"id\":1,\"password\":\"hunter2-hunter2\"},{\"id\":2,\"password\":\"correct-horse\"}]"));
    Tool tool = listItems();
    start(tool);

    ToolCallOutcome outcome = harness.call("list_items", "{\"kind\":\"all\"}");

    assertThat(outcome.reasonCode()).isEqualTo("ok");
    assertThat(outcome.isError()).isFalse();
    JsonNode structured = outcome.structuredContent();
    assertThat(structured.fieldNames()).toIterable().containsExactly("result");
    assertThat(structured.get("result")).hasSize(2);
    assertThat(structured.at("/result/0/id").asInt()).isEqualTo(1);
    assertThat(structured.toString()).doesNotContain("hunter2").doesNotContain("correct-horse");
    assertThat(outcome.text()).doesNotContain("hunter2").startsWith("[");
    assertValidAgainstAdvertised(tool, outcome);
  }

  @Test
  void scalarsAndNullAreWrappedToo() {
    upstream.on("/count/some", request -> Reply.json(200, "42"));
    upstream.on("/count/none", request -> Reply.json(200, "null"));
    Tool tool = countItems();
    start(tool);

    ToolCallOutcome some = harness.call("count_items", "{\"kind\":\"some\"}");
    assertThat(some.structuredContent()).isEqualTo(json("{\"result\":42}"));
    assertValidAgainstAdvertised(tool, some);
    ToolCallOutcome none = harness.call("count_items", "{\"kind\":\"none\"}");
    assertThat(none.structuredContent()).isEqualTo(json("{\"result\":null}"));
    assertValidAgainstAdvertised(tool, none);
  }

  @Test
  void anObjectToolsContentIsTheBodyItself() {
    upstream.on("/item/one", request -> Reply.json(200, "{\"id\":7}"));
    Tool tool = getItem();
    start(tool);

    ToolCallOutcome outcome = harness.call("get_item", "{\"kind\":\"one\"}");
    assertThat(outcome.structuredContent()).isEqualTo(json("{\"id\":7}"));
    assertValidAgainstAdvertised(tool, outcome);
  }

  @Test
  void aSuccessWithoutAMatchingJsonBodyIsAnErrorNeverUnstructured() {
    upstream.on("/items/wrong", request -> Reply.json(200, "[{\"name\":\"no id\"}]"));
    upstream.on("/items/object", request -> Reply.json(200, "{\"id\":1}"));
    upstream.on("/items/empty", request -> new Reply(204, Map.of(), new byte[0]));
    upstream.on("/items/text", request ->
        new Reply(200, Map.of("Content-Type", "text/plain"), "[1,2]".getBytes(StandardCharsets.UTF_8)));
    upstream.on("/items/broken", request -> Reply.json(200, "[{\"id\":1},"));
    upstream.on("/item/array", request -> Reply.json(200, "[{\"id\":7}]"));
    start(listItems(), getItem());

    List<ToolCallOutcome> outcomes = new ArrayList<>();
    for (String kind : List.of("wrong", "object", "empty", "text", "broken")) {
      outcomes.add(harness.call("list_items", "{\"kind\":\"" + kind + "\"}"));
    }
    outcomes.add(harness.call("get_item", "{\"kind\":\"array\"}"));
    for (ToolCallOutcome outcome : outcomes) {
      assertThat(outcome.reasonCode()).as(outcome.text()).isEqualTo("output_schema_mismatch");
      assertThat(outcome.isError()).isTrue();
      assertThat(outcome.structuredContent()).isNull();
    }
    assertThat(outcomes.get(0).text()).contains("does not match the tool's output schema").contains("no id");
    assertThat(outcomes.get(2).text()).contains("HTTP 204 without the JSON body");
    assertThat(outcomes.get(3).text()).contains("text/plain");
  }

  @Test
  void aToolpackWithOutputSchemasClientsRefuseIsNotServed() {
    List<Tool> tools = new ArrayList<>();
    // What an older compiler wrote: an object implied by a reference, without a root type.
    for (int i = 0; i < 12; i++) {
      tools.add(ToolFixtures.tool(String.format("get_repo_%02d", i)).path("/repos/" + i)
          .output("{\"$ref\":\"#/$defs/Repo\",\"$defs\":{\"Repo\":{\"type\":\"object\"}}}").build());
    }
    tools.add(ToolFixtures.tool("list_repos").path("/repos").output("{\"type\":\"array\"}").build());
    tools.add(getItem());

    assertThatThrownBy(() -> start(tools.toArray(Tool[]::new)))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("toolpack test-toolpack: 13 tool(s) have an output MCP clients cannot accept:")
        .hasMessageContaining("get_repo_00: outputSchema's root is not {\"type\": \"object\"}")
        .hasMessageContaining("... and 3 more")
        .hasMessageNotContaining("get_item")
        .hasMessageEndingWith(
            "Fix: compile the toolpack again with this version of Cask (mvn cask:compile), then approve the changed tools");
    harness = null;
  }
}
