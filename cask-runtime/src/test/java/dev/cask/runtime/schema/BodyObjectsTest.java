package dev.cask.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Closing a request body's objects: every place that can hold an object refuses the properties its schema does not
 * name, unless the source explicitly allows them; composed and referenced schemas keep accepting what their parts
 * name; what the validator then accepts and refuses is checked on real instances.
 */
class BodyObjectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** An input schema whose {@code body} property has the given schema, with optional shared definitions. */
  private static JsonNode input(String body, String defs) {
    return json("{'type':'object','properties':{'id':{'type':'string'},'body':" + body + "},'additionalProperties':false"
        + (defs == null ? "" : ",'$defs':" + defs) + "}");
  }

  private static boolean valid(BodyObjects.Result result, String arguments) {
    return JsonSchemas.compile(result.schema()).validate(json(arguments)).isEmpty();
  }

  private static List<String> places(BodyObjects.Result result) {
    return result.places().stream().map(place -> place.pointer() + " " + place.kind()).toList();
  }

  @Test
  void aWrittenOutObjectRefusesWhatItDoesNotNameAtEveryDepth() {
    BodyObjects.Result result = BodyObjects.close(input(
        "{'type':'object','properties':{'name':{'type':'string'},'address':{'type':'object','properties':{'city':{}}},"
            + "'tags':{'type':'array','items':{'type':'object','properties':{'k':{'type':'string'}}}}}}", null), "body");
    assertThat(result.schema().at("/properties/body/additionalProperties").asBoolean(true)).isFalse();
    assertThat(valid(result, "{'body':{'name':'n','address':{'city':'c'},'tags':[{'k':'v'}]}}")).isTrue();
    assertThat(valid(result, "{'body':{'name':'n','role':'admin'}}")).isFalse();
    assertThat(valid(result, "{'body':{'address':{'city':'c','isAdmin':true}}}")).isFalse();
    assertThat(valid(result, "{'body':{'tags':[{'k':'v','owner':'me'}]}}")).isFalse();
    assertThat(places(result)).containsExactlyInAnyOrder(
        "/properties/body CLOSED", "/properties/body/properties/address CLOSED",
        "/properties/body/properties/address/properties/city CLOSED",
        "/properties/body/properties/tags/items CLOSED");
  }

  @Test
  void referencesAndCompositionsKeepWhatTheirPartsNameAndRefuseTheRest() {
    String defs = "{'Base':{'type':'object','properties':{'id':{'type':'string'},'meta':{'type':'object',"
        + "'properties':{'v':{'type':'integer'}}}}},"
        + "'Cat':{'allOf':[{'$ref':'#/$defs/Base'},"
        + "{'type':'object','properties':{'meows':{'type':'boolean'}},'required':['meows']}]},"
        + "'Dog':{'allOf':[{'$ref':'#/$defs/Base'},"
        + "{'type':'object','properties':{'barks':{'type':'boolean'}},'required':['barks']}]}}";
    BodyObjects.Result result = BodyObjects.close(input(
        "{'type':'object','properties':{'pet':{'oneOf':[{'$ref':'#/$defs/Cat'},{'$ref':'#/$defs/Dog'}]},"
            + "'owner':{'$ref':'#/$defs/Base'}}}", defs), "body");
    assertThat(valid(result, "{'body':{'pet':{'id':'1','meows':true},'owner':{'id':'2'}}}")).isTrue();
    assertThat(valid(result, "{'body':{'pet':{'id':'1','barks':true,'meta':{'v':1}}}}")).isTrue();
    assertThat(valid(result, "{'body':{'pet':{'id':'1','meows':true,'role':'admin'}}}")).isFalse();
    assertThat(valid(result, "{'body':{'owner':{'id':'2','role':'admin'}}}")).isFalse();
    assertThat(valid(result, "{'body':{'owner':{'meta':{'v':1,'sudo':true}}}}")).isFalse();
    assertThat(valid(result, "{'body':{'pet':{'meta':{'sudo':true}}}}")).isFalse();
    // the parts themselves stay open (closing them would refuse what their siblings name); the places close
    assertThat(result.schema().at("/$defs/Base").has("additionalProperties")).isFalse();
    assertThat(result.schema().at("/$defs/Base/properties/meta/additionalProperties").asBoolean(true)).isFalse();
    assertThat(result.schema().at("/properties/body/properties/pet/unevaluatedProperties").asBoolean(true)).isFalse();
    assertThat(result.schema().at("/properties/body/properties/owner/unevaluatedProperties").asBoolean(true)).isFalse();
  }

  @Test
  void whatTheSourceSaysExplicitlyStaysAndIsReported() {
    String defs = "{'Free':{'type':'object','additionalProperties':true},'Labels':{'type':'object',"
        + "'additionalProperties':{'type':'string'}}}";
    BodyObjects.Result result = BodyObjects.close(input(
        "{'type':'object','properties':{'metadata':{'type':'object','additionalProperties':{'type':'object',"
            + "'properties':{'x':{}}}},'free':{'$ref':'#/$defs/Free'},'labels':{'$ref':'#/$defs/Labels'},"
            + "'strict':{'type':'object','properties':{'a':{}},'additionalProperties':false}}}", defs), "body");
    assertThat(valid(result, "{'body':{'metadata':{'any':{'x':1}},'free':{'anything':[1]},'labels':{'k':'v'}}}")).isTrue();
    assertThat(valid(result, "{'body':{'metadata':{'any':{'x':1,'y':2}}}}")).isFalse(); // its values are closed
    assertThat(valid(result, "{'body':{'labels':{'k':7}}}")).isFalse();
    assertThat(result.schema().at("/properties/body/properties/free").has("unevaluatedProperties")).isFalse();
    assertThat(result.open()).extracting(BodyObjects.Place::pointer).containsExactlyInAnyOrder(
        "/properties/body/properties/metadata", "/properties/body/properties/free", "/properties/body/properties/labels");
    assertThat(places(result)).contains("/properties/body/properties/strict CLOSED_BY_SOURCE",
        "/properties/body/properties/metadata/additionalProperties CLOSED");
  }

  @Test
  void placesThatCannotHoldAnObjectAndConditionsAreLeftAsTheyAre() {
    String defs = "{'Status':{'type':'string','enum':['a','b']}}";
    String body = "{'type':'object','properties':{'s':{'$ref':'#/$defs/Status'},'n':{'type':['integer','null']},"
        + "'c':{'const':{'k':1}},'x':{'not':{'type':'object','properties':{'q':{}}}},"
        + "'list':{'type':'array','contains':{'type':'object','properties':{'p':{}}}},"
        + "'cond':{'type':'object','properties':{'kind':{'type':'string'}},'if':{'properties':{'kind':{'const':'a'},"
        + "'extra':{'type':'object','properties':{'e':{}}}}},'then':{'properties':{'deep':{'type':'object'}}}}}}";
    BodyObjects.Result result = BodyObjects.close(input(body, defs), "body");
    JsonNode properties = result.schema().at("/properties/body/properties");
    assertThat(properties.get("s").has("unevaluatedProperties")).isFalse();
    assertThat(properties.get("n").has("additionalProperties")).isFalse();
    assertThat(properties.get("c").size()).isEqualTo(1);
    assertThat(properties.at("/x/not").has("additionalProperties")).isFalse();
    assertThat(properties.at("/list/contains").has("additionalProperties")).isFalse();
    assertThat(properties.at("/cond/if/properties/extra").has("additionalProperties")).isFalse();
    assertThat(properties.at("/cond/then/properties/deep/additionalProperties").asBoolean(true)).isFalse();
    assertThat(properties.at("/cond/unevaluatedProperties").asBoolean(true)).isFalse();
    assertThat(valid(result, "{'body':{'cond':{'kind':'a','deep':{}}}}")).isTrue();
    assertThat(valid(result, "{'body':{'cond':{'kind':'a','deep':{'z':1}}}}")).isFalse();
  }

  @Test
  void recursiveDefinitionsAreClosedOnceAndTerminate() {
    String defs = "{'Node':{'type':'object','properties':{'name':{'type':'string'},"
        + "'children':{'type':'array','items':{'$ref':'#/$defs/Node'}}}}}";
    BodyObjects.Result result = BodyObjects.close(input("{'$ref':'#/$defs/Node'}", defs), "body");
    assertThat(valid(result, "{'body':{'name':'a','children':[{'name':'b','children':[{'name':'c'}]}]}}")).isTrue();
    assertThat(valid(result, "{'body':{'name':'a','children':[{'name':'b','children':[{'name':'c','x':1}]}]}}")).isFalse();
  }

  @Test
  void aBodyWithoutASchemaOrAnyNamedPropertyTakesNoUndeclaredProperty() {
    BodyObjects.Result anything = BodyObjects.close(input("{'description':'no schema in the source'}", null), "body");
    assertThat(valid(anything, "{'body':{}}")).isTrue();
    assertThat(valid(anything, "{'body':'text'}")).isTrue();
    assertThat(valid(anything, "{'body':{'role':'admin'}}")).isFalse();
    assertThat(anything.places()).containsExactly(
        new BodyObjects.Place("/properties/body", BodyObjects.Kind.CLOSED, false));
    BodyObjects.Result literalTrue = BodyObjects.close(input("true", null), "body");
    assertThat(valid(literalTrue, "{'body':{'role':'admin'}}")).isFalse();
    assertThat(valid(literalTrue, "{'body':[1]}")).isTrue();
  }

  @Test
  void closingIsIdempotentAndLeavesEverythingButTheBodyAlone() {
    JsonNode source = input("{'type':'object','properties':{'a':{'type':'object'},'b':{'allOf':[{'type':'object'}]}}}", null);
    JsonNode once = BodyObjects.close(source, "body").schema();
    assertThat(BodyObjects.close(once, "body").schema()).isEqualTo(once);
    assertThat(BodyObjects.close(once, "body").places()).extracting(BodyObjects.Place::kind)
        .containsOnly(BodyObjects.Kind.CLOSED_BY_SOURCE);
    assertThat(source.at("/properties/body").has("additionalProperties")).as("the source is not changed").isFalse();
    assertThat(BodyObjects.close(source, null).schema()).isSameAs(source);
    assertThat(BodyObjects.close(source, "nobody").schema()).isSameAs(source);
    assertThat(once.get("properties").get("id")).isEqualTo(source.get("properties").get("id"));
  }
}
