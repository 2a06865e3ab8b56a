package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.json;
import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.schema.JsonSchemas;
import dev.cask.runtime.schema.StructuredOutput;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The output schema of every response shape: MCP clients accept only a root {@code type: "object"} (the official
 * TypeScript SDK refuses the whole tool list otherwise), so objects state it and everything else is wrapped as
 * {@code {"result": …}}; a tool that may answer without a JSON body has no output schema.
 */
class OutputSchemaBuilderTest {
  private static final SortedMap<String, JsonNode> SHARED = new TreeMap<>();

  static {
    SHARED.put("Repo", json("{'type':'object','properties':{'name':{'type':'string'},'owner':{'$ref':'#/$defs/User'}}}"));
    SHARED.put("User", json("{'type':'object','properties':{'login':{'type':'string'}}}"));
    SHARED.put("Repos", json("{'type':'array','items':{'$ref':'#/$defs/Repo'}}"));
    SHARED.put("Untyped", json("{'properties':{'id':{'type':'integer'}}}"));
    SHARED.put("Stamp", json("{'type':'string','format':'date-time'}"));
    SHARED.put("Node", json("{'type':'object','properties':{'children':{'type':'array','items':{'$ref':'#/$defs/Node'}}}}"));
  }

  /** The definition compiled from one GET operation with the given 200 response schema. */
  private static ToolDefinition compiled(String responseSchema) {
    return compiled(op("GET", "/things").id("getThings").response("200", responseSchema).build());
  }

  private static ToolDefinition compiled(CapturedOperation operation) {
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("shapes", "1"), BuildLog.silent())
        .compile(Ops.capture(new TreeMap<>(SHARED), operation));
    Tool tool = toolpack.tools().tools().get(0);
    ToolDefinition definition = tool.definition();
    if (definition.outputSchema() != null) {
      // Every output schema is valid 2020-12, self-contained, and passes the rule the server checks at start-up.
      assertThat(definition.outputSchema().path("type").asText()).isEqualTo("object");
      assertThat(JsonSchemas.problems(definition.outputSchema())).isEmpty();
      assertThat(StructuredOutput.problem(definition)).isEmpty();
    }
    return definition;
  }

  private static void assertWrapped(ToolDefinition definition, String resultSchema) {
    assertThat(definition.wrapsOutput()).isTrue();
    JsonNode schema = definition.outputSchema();
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.get("required")).isEqualTo(json("['result']"));
    assertThat(schema.get("properties").size()).isEqualTo(1);
    assertThat(schema.at("/properties/result")).isEqualTo(json(resultSchema));
  }

  @Test
  void anExplicitObjectIsTheStructuredContentAsIs() {
    ToolDefinition definition = compiled("{'type':'object','properties':{'id':{'type':'integer'}},'required':['id']}");
    assertThat(definition.wrapsOutput()).isFalse();
    assertThat(definition.outputWrapped()).as("not written to tools.json").isNull();
    assertThat(definition.outputSchema())
        .isEqualTo(json("{'type':'object','properties':{'id':{'type':'integer'}},'required':['id']}"));
  }

  @Test
  void anImpliedObjectStatesItsTypeAtTheRoot() {
    // A reference to an object: the digest-relevant schema gains only "type": "object" beside the reference.
    ToolDefinition ref = compiled("{'$ref':'#/$defs/Repo'}");
    assertThat(ref.wrapsOutput()).isFalse();
    assertThat(ref.outputSchema().get("$ref").asText()).isEqualTo("#/$defs/Repo");
    assertThat(ref.outputSchema().get("$defs").fieldNames()).toIterable().containsExactly("Repo", "User");
    assertThat(ref.outputSchema().fieldNames()).toIterable().containsExactly("type", "$ref", "$defs");

    assertThat(compiled("{'properties':{'id':{'type':'integer'}}}").wrapsOutput()).isFalse();
    assertThat(compiled("{'$ref':'#/$defs/Untyped'}").wrapsOutput()).isFalse();
    assertThat(compiled("{'allOf':[{'$ref':'#/$defs/Repo'},{'description':'with more'}]}").wrapsOutput()).isFalse();
    assertThat(compiled("{'anyOf':[{'$ref':'#/$defs/Repo'},{'$ref':'#/$defs/User'}]}").wrapsOutput()).isFalse();
    assertThat(compiled("{'oneOf':[{'$ref':'#/$defs/Repo'},{'properties':{'x':{}}}]}").wrapsOutput()).isFalse();
    assertThat(compiled("{'type':['object']}").wrapsOutput()).isFalse();
    assertThat(compiled("{'$ref':'#/$defs/Node'}").wrapsOutput()).as("recursive object").isFalse();
  }

  @Test
  void anArrayIsWrappedWithItsDefinitionsAtTheRoot() {
    ToolDefinition definition = compiled("{'type':'array','items':{'$ref':'#/$defs/Repo'}}");
    assertWrapped(definition, "{'type':'array','items':{'$ref':'#/$defs/Repo'}}");
    // The references inside the envelope resolve against its root.
    assertThat(definition.outputSchema().get("$defs").fieldNames()).toIterable().containsExactly("Repo", "User");
    assertThat(JsonSchemas.referenceProblems(definition.outputSchema())).isEmpty();

    assertWrapped(compiled("{'$ref':'#/$defs/Repos'}"), "{'$ref':'#/$defs/Repos'}");
  }

  @Test
  void scalarsNullablesAndMixturesAreWrapped() {
    assertWrapped(compiled("{'type':'string'}"), "{'type':'string'}");
    assertWrapped(compiled("{'type':'integer','minimum':0}"), "{'type':'integer','minimum':0}");
    assertWrapped(compiled("{'type':'boolean'}"), "{'type':'boolean'}");
    assertWrapped(compiled("{'type':'null'}"), "{'type':'null'}");
    assertWrapped(compiled("{'type':['object','null'],'properties':{'id':{'type':'integer'}}}"),
        "{'type':['object','null'],'properties':{'id':{'type':'integer'}}}");
    assertWrapped(compiled("{'oneOf':[{'$ref':'#/$defs/Repo'},{'$ref':'#/$defs/Repos'}]}"),
        "{'oneOf':[{'$ref':'#/$defs/Repo'},{'$ref':'#/$defs/Repos'}]}");
    assertWrapped(compiled("{'anyOf':[{'type':'object'},{'type':'null'}]}"), "{'anyOf':[{'type':'object'},{'type':'null'}]}");
    assertWrapped(compiled("{}"), "{}");
    assertWrapped(compiled("{'description':'anything'}"), "{'description':'anything'}");
    assertWrapped(compiled("true"), "{}");
  }

  @Test
  void aToolThatMayAnswerWithoutAJsonBodyHasNoOutputSchema() {
    assertThat(compiled(op("GET", "/a").id("a").build()).outputSchema()).as("no response documented").isNull();
    assertThat(compiled(op("DELETE", "/a").id("a").responseWithoutBody("204").build()).outputSchema()).isNull();
    assertThat(compiled(op("PUT", "/a").id("a").response("201", "{'type':'object'}").responseWithoutBody("204").build())
        .outputSchema()).as("201 with a body, 204 without").isNull();
    assertThat(compiled(op("GET", "/a").id("a").response("200", "text/csv", "{'type':'string'}").build()).outputSchema())
        .isNull();
    assertThat(compiled(op("GET", "/a").id("a").response("200", "application/json", null).build()).outputSchema())
        .as("JSON without a schema").isNull();
    assertThat(compiled("false").outputSchema()).as("a schema no body matches").isNull();
    // Error responses do not count.
    assertThat(compiled(op("GET", "/a").id("a").response("200", "{'type':'object'}").responseWithoutBody("404").build())
        .outputSchema()).isNotNull();
  }

  @Test
  void everySuccessResponseIsDescribed() {
    ToolDefinition objects = compiled(op("GET", "/a").id("a")
        .response("202", "{'type':'object','properties':{'queued':{'type':'boolean'}}}")
        .response("200", "{'$ref':'#/$defs/Repo'}").build());
    assertThat(objects.wrapsOutput()).isFalse();
    assertThat(objects.outputSchema().get("anyOf"))
        .isEqualTo(json("[{'$ref':'#/$defs/Repo'},{'type':'object','properties':{'queued':{'type':'boolean'}}}]"));

    ToolDefinition mixed = compiled(op("GET", "/a").id("a")
        .response("200", "{'$ref':'#/$defs/Repos'}").response("202", "{'type':'object'}").build());
    assertWrapped(mixed, "{'anyOf':[{'$ref':'#/$defs/Repos'},{'type':'object'}]}");

    ToolDefinition same = compiled(op("GET", "/a").id("a")
        .response("200", "{'type':'array'}").response("2XX", "{'type':'array'}").build());
    assertWrapped(same, "{'type':'array'}");
  }

  @Test
  void keywordsClientsReadTheirOwnWayAreLeftOut() {
    ToolDefinition definition = compiled("{'type':'object','properties':{"
        + "'url':{'type':'string','format':'uri'},"
        + "'sha':{'type':'string','pattern':'^[0-9a-f]{40}$'},"
        + "'tags':{'type':'array','uniqueItems':true,'items':{'type':'string','format':'date-time'}},"
        + "'labels':{'type':'object','patternProperties':{'^x-':{'type':'string'}},'additionalProperties':false},"
        + "'note':{'nullable':true,'description':'OpenAPI 3.0 spelling left in a 3.1 document'},"
        + "'format':{'type':'string','enum':['format','pattern']}}}");
    assertThat(definition.outputSchema()).isEqualTo(json("{'type':'object','properties':{"
        + "'url':{'type':'string'},"
        + "'sha':{'type':'string'},"
        + "'tags':{'type':'array','items':{'type':'string'}},"
        + "'labels':{'type':'object'},"
        + "'note':{'description':'OpenAPI 3.0 spelling left in a 3.1 document'},"
        + "'format':{'type':'string','enum':['format','pattern']}}}"));

    // Inside shared definitions too, and in wrapped schemas.
    assertWrapped(compiled("{'type':'array','items':{'$ref':'#/$defs/Stamp'}}"),
        "{'type':'array','items':{'$ref':'#/$defs/Stamp'}}");
    assertThat(compiled("{'type':'array','items':{'$ref':'#/$defs/Stamp'}}").outputSchema().at("/$defs/Stamp"))
        .isEqualTo(json("{'type':'string'}"));
  }

  @Test
  void rootPropertySchemasAreObjects() {
    ToolDefinition definition = compiled("{'type':'object','properties':{'any':true,'never':false}}");
    assertThat(definition.outputSchema().get("properties")).isEqualTo(json("{'any':{},'never':{'not':{}}}"));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aDocumentBuiltToMakeTheObjectCheckExponentialCompilesAtOnce() {
    // D0 = anyOf[D1, D1], D1 = anyOf[D2, D2], ...: 2^60 paths if each definition were judged per path.
    SortedMap<String, JsonNode> diamond = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      String next = "{'$ref':'#/$defs/D" + (i + 1) + "'}";
      diamond.put("D" + i, json("{'anyOf':[" + next + "," + next + "]}"));
    }
    diamond.put("D60", json("{'type':'object'}"));
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("diamond", "1"), BuildLog.silent())
        .compile(Ops.capture(diamond, op("GET", "/d").id("d").response("200", "{'$ref':'#/$defs/D0'}").build()));
    ToolDefinition definition = toolpack.tools().tools().get(0).definition();
    assertThat(definition.wrapsOutput()).isFalse();
    assertThat(definition.outputSchema().get("$defs").size()).isEqualTo(61);
  }

  @Test
  void cyclesThatProveNothingAreWrapped() {
    SortedMap<String, JsonNode> cycle = new TreeMap<>();
    cycle.put("A", json("{'anyOf':[{'$ref':'#/$defs/B'}]}"));
    cycle.put("B", json("{'anyOf':[{'$ref':'#/$defs/A'}]}"));
    CompiledToolpack toolpack = new ToolpackCompiler(CompileSettings.of("cycle", "1"), BuildLog.silent())
        .compile(Ops.capture(cycle, op("GET", "/c").id("c").response("200", "{'$ref':'#/$defs/A'}").build()));
    assertThat(toolpack.tools().tools().get(0).definition().wrapsOutput()).isTrue();
  }

  @Test
  void theWrappingIsPartOfTheDigest() {
    ToolDefinition wrapped = compiled("{'type':'array'}");
    ToolDefinition unwrapped = new ToolDefinition(wrapped.name(), wrapped.description(), wrapped.method(),
        wrapped.baseUrl(), wrapped.path(), wrapped.inputSchema(), wrapped.outputSchema(), null, wrapped.risk(),
        wrapped.annotations(), wrapped.binding(), wrapped.security(), wrapped.deprecated());
    assertThat(dev.cask.runtime.json.CanonicalJson.digest(wrapped))
        .isNotEqualTo(dev.cask.runtime.json.CanonicalJson.digest(unwrapped));
    assertThat(List.of(wrapped.outputWrapped())).containsExactly(Boolean.TRUE);
  }
}
