package dev.cask.maven.compile;

import static dev.cask.maven.compile.Ops.json;
import static dev.cask.maven.compile.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.schema.JsonSchemas;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InputSchemaBuilderTest {
  private static ToolInput build(Capture capture) {
    return new InputSchemaBuilder(new SchemaDefs(capture.schemas()), capture.securitySchemes())
        .build(capture.operations().get(0));
  }

  @Test
  void rootIsAClosedObjectWithRequiredPathParameters() {
    ToolInput input = build(Ops.capture(op("GET", "/users/{id}").param("path", "id", true, "{'type':'integer'}")
        .param("query", "verbose", false, "{'type':'boolean'}").build()));
    JsonNode schema = input.schema();
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.get("required")).containsExactly(json("'id'"));
    assertThat(schema.at("/properties/id/type").asText()).isEqualTo("integer");
    assertThat(JsonSchemas.problems(schema)).isEmpty();
  }

  @Test
  void sameNameInPathQueryHeaderAndBodyNeverCollides() {
    CapturedOperation operation = op("PUT", "/items/{id}")
        .param("path", "id", true, "{'type':'string'}")
        .param("query", "id", false, "{'type':'integer'}")
        .param("header", "id", false, "{'type':'string'}")
        .param("query", "body", false, "{'type':'string'}")
        .body("application/json", "{'type':'object','properties':{'id':{'type':'string'}}}", true)
        .build();
    ToolInput input = build(Ops.capture(operation));
    assertThat(input.schema().get("properties").fieldNames()).toIterable()
        .containsExactly("id", "query_id", "query_body", "header_id", "body");
    assertThat(input.binding().arguments()).extracting(ArgumentBinding::argument, ArgumentBinding::in, ArgumentBinding::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", ParameterLocation.PATH, "id"),
            org.assertj.core.groups.Tuple.tuple("query_id", ParameterLocation.QUERY, "id"),
            org.assertj.core.groups.Tuple.tuple("query_body", ParameterLocation.QUERY, "body"),
            org.assertj.core.groups.Tuple.tuple("header_id", ParameterLocation.HEADER, "id"));
    assertThat(input.binding().body().argument()).isEqualTo("body");
    assertThat(input.schema().get("required")).containsExactly(json("'id'"), json("'body'"));
  }

  @Test
  void unsafeCharactersInNamesAreReplacedAndTheWireNameKept() {
    ToolInput input = build(Ops.capture(op("GET", "/search")
        .param("query", "filter[status]", false, "{'type':'string'}")
        .param("header", "X-GitHub-Api-Version", false, "{'type':'string'}").build()));
    assertThat(input.binding().arguments()).extracting(ArgumentBinding::argument)
        .containsExactly("filter_status", "X-GitHub-Api-Version");
    assertThat(input.binding().arguments().get(0).name()).isEqualTo("filter[status]");
  }

  @Test
  void credentialParametersAreNeverExposedToTheAgent() {
    ToolInput input = build(Ops.capture(op("GET", "/me")
        .security("key")
        .param("header", "X-Api-Key", true, "{'type':'string'}")
        .param("header", "Authorization", true, "{'type':'string'}")
        .param("header", "Accept", false, "{'type':'string'}")
        .param("header", "X-Forwarded-For", false, "{'type':'string'}")
        .param("header", "Transfer-Encoding", false, "{'type':'string'}")
        .param("query", "fields", false, "{'type':'string'}").build()));
    assertThat(input.schema().get("properties").fieldNames()).toIterable().containsExactly("fields");
    assertThat(input.dropped()).hasSize(5);
    assertThat(input.binding().arguments()).allMatch(binding ->
        !dev.cask.runtime.model.toolpack.ReservedHeaders.isReserved(binding.name()), "no binding targets a reserved header");
  }

  @Test
  void formBodyIsChosenWhenThereIsNoJson() {
    CapturedOperation operation = op("POST", "/login").build();
    operation = new CapturedOperation(operation.method(), operation.baseUrl(), operation.path(), null, null, null,
        List.of(), false, List.of(),
        new dev.cask.runtime.model.capture.RequestBody(false, "credentials", List.of(
            new dev.cask.runtime.model.capture.MediaContent("text/plain", json("{'type':'string'}")),
            new dev.cask.runtime.model.capture.MediaContent("application/x-www-form-urlencoded", json("{'type':'object'}")))),
        List.of(), List.of(), operation.origin(), null);
    ToolInput input = build(Ops.capture(operation));
    assertThat(input.binding().body().mediaType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(input.schema().has("required")).isFalse();
    assertThat(input.schema().at("/properties/body/description").asText()).isEqualTo("credentials");
  }

  @Test
  void referencedAndRecursiveSchemasBecomeSelfContainedDefs() {
    SortedMap<String, JsonNode> schemas = new TreeMap<>();
    schemas.put("Node", json("{'type':'object','properties':{'name':{'type':'string'},'children':{'type':'array','items':{'$ref':'#/$defs/Node'}},'tag':{'$ref':'#/$defs/Tag'}}}"));
    schemas.put("Tag", json("{'type':'string','enum':['a','b']}"));
    schemas.put("Unused", json("{'type':'number'}"));
    ToolInput input = build(Ops.capture(schemas, op("POST", "/trees").body("application/json", "{'$ref':'#/$defs/Node'}", true).build()));
    JsonNode schema = input.schema();
    assertThat(schema.get("$defs").fieldNames()).toIterable().containsExactly("Node", "Tag");
    assertThat(schema.at("/properties/body/$ref").asText()).isEqualTo("#/$defs/Node");
    assertThat(JsonSchemas.problems(schema)).isEmpty();
    assertThat(JsonSchemas.compile(schema).validate(json("{'body':{'name':'root','children':[{'name':'leaf','tag':'a'}]}}"))).isEmpty();
    assertThat(JsonSchemas.compile(schema).validate(json("{'body':{'name':'root','children':[{'name':1}]}}"))).isNotEmpty();
    assertThat(JsonSchemas.compile(schema).validate(json("{'body':{},'extra':1}"))).isNotEmpty();
  }

  @Test
  void bodyObjectsAreClosedUnlessTheSourceOpensThemAndTheSchemaSaysSo() {
    SortedMap<String, JsonNode> schemas = new TreeMap<>();
    schemas.put("User", json("{'type':'object','properties':{'name':{'type':'string'},"
        + "'address':{'type':'object','properties':{'city':{'type':'string'}}},"
        + "'labels':{'type':'object','additionalProperties':{'type':'string'}},'settings':{'type':'object'}}}"));
    schemas.put("Admin", json("{'allOf':[{'$ref':'#/$defs/User'},{'type':'object','properties':{'level':{'type':'integer'}}}]}"));
    ToolInput input = build(Ops.capture(schemas, op("PATCH", "/users/{id}").param("path", "id", true, "{'type':'string'}")
        .body("application/json", "{'$ref':'#/$defs/Admin'}", true).build()));
    JsonNode schema = input.schema();
    // what a reviewer reads in tools.json: where undeclared properties are refused, and where the source allows them
    assertThat(schema.at("/properties/body/unevaluatedProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/$defs/User/properties/address/additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/$defs/User/properties/labels/additionalProperties/type").asText()).isEqualTo("string");
    assertThat(schema.at("/$defs/User/properties/settings/additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/$defs/User").has("additionalProperties")).as("a part of a composition stays open").isFalse();
    assertThat(JsonSchemas.problems(schema)).isEmpty();
    var validator = JsonSchemas.compile(schema);
    assertThat(validator.validate(json("{'id':'1','body':{'name':'n','level':2,'address':{'city':'c'},'labels':{'k':'v'}}}")))
        .isEmpty();
    assertThat(validator.validate(json("{'id':'1','body':{'name':'n','role':'admin'}}"))).isNotEmpty();
    assertThat(validator.validate(json("{'id':'1','body':{'address':{'city':'c','isAdmin':true}}}"))).isNotEmpty();
    assertThat(validator.validate(json("{'id':'1','body':{'settings':{'anything':1}}}"))).isNotEmpty();
    // a place that names nothing now takes only an empty object: the build says so, and how to open it
    assertThat(input.warnings()).singleElement().asString()
        .contains("/$defs/User/properties/settings").contains("additionalProperties: true");
  }

  @Test
  void operationsWithoutABodyOrWithExplicitBodiesGetNoWarning() {
    assertThat(build(Ops.capture(op("GET", "/users").build())).warnings()).isEmpty();
    ToolInput open = build(Ops.capture(op("POST", "/events")
        .body("application/json", "{'type':'object','additionalProperties':true}", true).build()));
    assertThat(open.warnings()).isEmpty();
    assertThat(open.schema().at("/properties/body/additionalProperties").asBoolean()).isTrue();
  }
}
