package dev.cask.maven.importers.openapi;

import static dev.cask.maven.importers.openapi.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaConverterTest {
  private final List<String> seenRefs = new ArrayList<>();
  private final SchemaConverter openApi30 = new SchemaConverter(true, this::rewrite);
  private final SchemaConverter openApi31 = new SchemaConverter(false, this::rewrite);

  private String rewrite(String ref, String pointer) {
    seenRefs.add(ref + " at " + pointer);
    return "#/$defs/" + ref.substring(ref.lastIndexOf('/') + 1);
  }

  @Test
  void nullableAddsNullToTypeAndEnum() {
    JsonNode out = openApi30.convert(json("{\"type\":\"string\",\"enum\":[\"a\",\"b\"],\"nullable\":true}"), "/s");
    assertThat(out).isEqualTo(json("{\"type\":[\"string\",\"null\"],\"enum\":[\"a\",\"b\",null]}"));
  }

  @Test
  void nullableWithoutTypeWrapsInAnyOf() {
    JsonNode out = openApi30.convert(
        json("{\"allOf\":[{\"$ref\":\"#/components/schemas/Pet\"}],\"nullable\":true,\"description\":\"d\"}"), "/s");
    assertThat(out).isEqualTo(json(
        "{\"anyOf\":[{\"allOf\":[{\"$ref\":\"#/$defs/Pet\"}],\"description\":\"d\"},{\"type\":\"null\"}]}"));
  }

  @Test
  void nullableFalseIsDropped() {
    assertThat(openApi30.convert(json("{\"type\":\"integer\",\"nullable\":false}"), "/s"))
        .isEqualTo(json("{\"type\":\"integer\"}"));
  }

  @Test
  void booleanExclusiveBoundsTakeTheNumericForm() {
    JsonNode out = openApi30.convert(json(
        "{\"type\":\"number\",\"minimum\":1.5,\"exclusiveMinimum\":true,\"maximum\":9,\"exclusiveMaximum\":false}"), "/s");
    assertThat(out).isEqualTo(json("{\"type\":\"number\",\"exclusiveMinimum\":1.5,\"maximum\":9}"));
  }

  @Test
  void booleanBoundsInA31DocumentWithADraft04DialectTakeTheNumericForm() {
    JsonNode out = openApi31.convert(json(
        "{\"type\":\"number\",\"minimum\":10,\"exclusiveMinimum\":true,\"maximum\":20,\"exclusiveMaximum\":true}"), "/s");
    assertThat(out).isEqualTo(json("{\"type\":\"number\",\"exclusiveMinimum\":10,\"exclusiveMaximum\":20}"));
  }

  @Test
  void exampleBecomesExamples() {
    assertThat(openApi30.convert(json("{\"type\":\"string\",\"example\":\"rex\"}"), "/s"))
        .isEqualTo(json("{\"type\":\"string\",\"examples\":[\"rex\"]}"));
    assertThat(openApi31.convert(json("{\"examples\":[\"a\"],\"example\":\"b\"}"), "/s"))
        .isEqualTo(json("{\"examples\":[\"a\",\"b\"]}"));
  }

  @Test
  void dropsXmlExternalDocsExtensionsSchemaAndId() {
    JsonNode out = openApi30.convert(json(
        "{\"type\":\"object\",\"xml\":{\"name\":\"x\"},\"externalDocs\":{\"url\":\"u\"},\"x-internal\":true,"
            + "\"$schema\":\"s\",\"$id\":\"i\",\"properties\":{\"x-header\":{\"type\":\"string\",\"x-a\":1}}}"), "/s");
    // A property named x-header is data, not an extension: it stays.
    assertThat(out).isEqualTo(json("{\"type\":\"object\",\"properties\":{\"x-header\":{\"type\":\"string\"}}}"));
  }

  @Test
  void keepsAnnotationsAndConstraintsInDocumentOrder() {
    String schema = "{\"title\":\"T\",\"description\":\"D\",\"type\":\"string\",\"format\":\"email\",\"default\":\"a@b.c\","
        + "\"minLength\":3,\"maxLength\":9,\"pattern\":\"^.+@.+$\",\"readOnly\":true,\"writeOnly\":false,"
        + "\"deprecated\":true}";
    JsonNode out = openApi30.convert(json(schema), "/s");
    assertThat(out).isEqualTo(json(schema));
    assertThat(out.fieldNames()).toIterable().containsExactly(
        "title", "description", "type", "format", "default", "minLength", "maxLength", "pattern", "readOnly",
        "writeOnly", "deprecated");
  }

  @Test
  void rewritesReferencesEverywhereIncludingDiscriminatorMapping() {
    JsonNode out = openApi30.convert(json(
        "{\"oneOf\":[{\"$ref\":\"#/components/schemas/Cat\"}],\"discriminator\":{\"propertyName\":\"k\","
            + "\"mapping\":{\"cat\":\"#/components/schemas/Cat\",\"dog\":\"Dog\"}},"
            + "\"properties\":{\"a\":{\"items\":{\"$ref\":\"#/components/schemas/A\"}}},"
            + "\"additionalProperties\":{\"$ref\":\"#/components/schemas/B\"},\"not\":{\"$ref\":\"#/components/schemas/C\"}}"),
        "/s");
    assertThat(out).isEqualTo(json(
        "{\"oneOf\":[{\"$ref\":\"#/$defs/Cat\"}],\"discriminator\":{\"propertyName\":\"k\","
            + "\"mapping\":{\"cat\":\"#/$defs/Cat\",\"dog\":\"Dog\"}},"
            + "\"properties\":{\"a\":{\"items\":{\"$ref\":\"#/$defs/A\"}}},"
            + "\"additionalProperties\":{\"$ref\":\"#/$defs/B\"},\"not\":{\"$ref\":\"#/$defs/C\"}}"));
    assertThat(seenRefs).contains(
        "#/components/schemas/Cat at /s/oneOf/0/$ref",
        "#/components/schemas/A at /s/properties/a/items/$ref",
        "#/components/schemas/Cat at /s/discriminator/mapping/cat");
  }

  @Test
  void openApi30IgnoresSiblingsOfRefButOpenApi31KeepsThem() {
    String schema = "{\"$ref\":\"#/components/schemas/Pet\",\"description\":\"changed\"}";
    assertThat(openApi30.convert(json(schema), "/s")).isEqualTo(json("{\"$ref\":\"#/$defs/Pet\"}"));
    assertThat(openApi31.convert(json(schema), "/s"))
        .isEqualTo(json("{\"$ref\":\"#/$defs/Pet\",\"description\":\"changed\"}"));
  }

  @Test
  void openApi31SchemasPassThrough() {
    String schema = "{\"type\":[\"string\",\"null\"],\"const\":\"x\",\"exclusiveMinimum\":0,\"nullable\":true,"
        + "\"prefixItems\":[{\"type\":\"string\"}],\"items\":false,\"if\":{\"minLength\":1},\"then\":{\"maxLength\":2},"
        + "\"patternProperties\":{\"^a\":{\"type\":\"integer\"}},\"unevaluatedProperties\":false}";
    assertThat(openApi31.convert(json(schema), "/s")).isEqualTo(json(schema));
  }

  @Test
  void booleanSchemasPassThrough() {
    assertThat(openApi31.convert(json("true"), "/s")).isEqualTo(json("true"));
  }

  @Test
  void doesNotModifyItsInput() {
    JsonNode input = json("{\"type\":\"string\",\"nullable\":true,\"example\":\"a\"}");
    JsonNode before = input.deepCopy();
    openApi30.convert(input, "/s");
    assertThat(input).isEqualTo(before);
  }
}
