package dev.cask.maven.importers.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.schema.JsonSchemas;
import org.junit.jupiter.api.Test;

class ShapeTest {
  private static JsonNode json(String text) throws Exception {
    return CaskMappers.json().readTree(text.replace('\'', '"'));
  }

  private static JsonNode infer(String... samples) throws Exception {
    Shape shape = new Shape();
    for (String sample : samples) {
      shape.add(json(sample));
    }
    JsonNode schema = shape.toSchema();
    assertThat(JsonSchemas.problems(schema)).as("a valid 2020-12 schema").isEmpty();
    return schema;
  }

  @Test
  void requiredIsPresentInAllSamplesTypesMergeHonestly() throws Exception {
    JsonNode schema = infer("{'id':1,'name':'a','score':1,'note':null,'when':'2024-01-01T10:00:00Z'}",
        "{'id':2,'score':2.5,'note':'x','when':'2024-01-02T10:00:00+02:00'}");
    assertThat(schema.get("required").toString()).isEqualTo("[\"id\",\"note\",\"score\",\"when\"]");
    assertThat(schema.at("/properties/score/type").asText()).as("integer and number merge to number").isEqualTo("number");
    assertThat(schema.at("/properties/note/type").toString()).isEqualTo("[\"string\",\"null\"]");
    assertThat(schema.at("/properties/when/format").asText()).isEqualTo("date-time");
    assertThat(schema.at("/properties/id/type").asText()).isEqualTo("integer");
  }

  @Test
  void arraysOfObjectsUnionsAndMaps() throws Exception {
    JsonNode schema = infer("{'items':[{'a':1,'b':true},{'a':2}],'v':1,'m':{'17':{'n':1},'42':{'n':2}}}",
        "{'items':[],'v':'one','m':{}}");
    assertThat(schema.at("/properties/items/items/required").toString()).isEqualTo("[\"a\"]");
    assertThat(schema.at("/properties/v/type").toString()).isEqualTo("[\"integer\",\"string\"]");
    assertThat(schema.at("/properties/m/properties").isMissingNode()).as("id keys make a map").isTrue();
    assertThat(schema.at("/properties/m/additionalProperties/required").toString()).isEqualTo("[\"n\"]");
    assertThat(schema.toString()).doesNotContain("17", "42", "one").as("no example values");
  }

  @Test
  void formatsNeedEverySampleAndRedactedEmailsKeepTheirFormat() throws Exception {
    assertThat(infer("{'e':'[REDACTED:email]'}", "{'e':'[REDACTED:email]'}").at("/properties/e/format").asText()).isEqualTo("email");
    assertThat(infer("{'d':'2024-01-01'}", "{'d':'soon'}").at("/properties/d/format").isMissingNode()).isTrue();
    Shape a = new Shape();
    a.add(json("{'u':'3f2b8c1e-9a7d-4c1b-8e2f-1a2b3c4d5e6f'}"));
    Shape b = new Shape();
    b.add(json("{'u':'not-a-uuid'}"));
    a.merge(b);
    assertThat(a.toSchema().at("/properties/u/format").isMissingNode()).isTrue();
  }

  @Test
  void textsAreTypedForQueryAndFormValues() throws Exception {
    Shape shape = new Shape();
    shape.addTexts(json("{'n':'5','f':'2.5','b':'true','s':'x'}"));
    JsonNode schema = shape.toSchema();
    assertThat(schema.at("/properties/n/type").asText()).isEqualTo("integer");
    assertThat(schema.at("/properties/f/type").asText()).isEqualTo("number");
    assertThat(schema.at("/properties/b/type").asText()).isEqualTo("boolean");
    assertThat(schema.at("/properties/s/type").asText()).isEqualTo("string");
  }

  @Test
  void hostileShapesStayBounded() throws Exception {
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < 500; i++) {
      wide.append(i == 0 ? "" : ",").append("'k").append(i).append("':").append(i);
    }
    JsonNode schema = infer(wide.append('}').toString());
    assertThat(schema.has("properties")).isFalse();
    assertThat(schema.at("/additionalProperties/type").asText()).isEqualTo("integer");
    String deep = "{'a':".repeat(60) + "1" + "}".repeat(60);
    assertThat(infer(deep).toString().length()).isLessThan(3000);
  }
}
