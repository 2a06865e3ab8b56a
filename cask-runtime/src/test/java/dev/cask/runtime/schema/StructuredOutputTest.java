package dev.cask.runtime.schema;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.testing.ToolFixtures;
import org.junit.jupiter.api.Test;

/** The rule for structured output, as the server applies it to a toolpack and to each response. */
class StructuredOutputTest {
  private static ToolDefinition tool(String outputSchema, boolean wrapped) {
    ToolDefinition plain = ToolFixtures.tool("t").output(outputSchema).definition();
    return new ToolDefinition(plain.name(), plain.description(), plain.method(), plain.baseUrl(), plain.path(),
        plain.inputSchema(), plain.outputSchema(), wrapped ? Boolean.TRUE : null, plain.risk(), plain.annotations(),
        plain.binding(), plain.security(), plain.deprecated());
  }

  private static String problem(String outputSchema, boolean wrapped) {
    return StructuredOutput.problem(tool(outputSchema, wrapped)).orElse(null);
  }

  @Test
  void theShapesTheCompilerWritesAreServable() {
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}", false))
        .isNull();
    assertThat(problem("{\"type\":\"object\",\"$ref\":\"#/$defs/R\",\"$defs\":{\"R\":{\"type\":\"object\"}}}", false)).isNull();
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"array\"}},\"required\":[\"result\"]}",
        true)).isNull();
    assertThat(StructuredOutput.problem(ToolFixtures.tool("t").definition())).as("no output schema").isEmpty();
  }

  @Test
  void outputSchemasThatClientsRefuseAreNamed() {
    // What older compilers wrote: objects implied by a reference, an allOf or bare properties (GitHub: 492 tools).
    assertThat(problem("{\"$ref\":\"#/$defs/R\",\"$defs\":{\"R\":{\"type\":\"object\"}}}", false))
        .contains("root is not {\"type\": \"object\"}");
    assertThat(problem("{\"allOf\":[{\"type\":\"object\"}]}", false)).contains("root is not");
    assertThat(problem("{\"properties\":{\"a\":{}}}", false)).contains("root is not");
    assertThat(problem("{\"type\":\"array\",\"items\":{}}", false)).contains("root is not");
    assertThat(problem("{\"type\":[\"object\",\"null\"]}", false)).contains("root is not");
    assertThat(problem("true", false)).contains("root is not");
    // Shapes the TypeScript SDK's tool schema refuses.
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"a\":true}}", false)).contains("property 'a'");
    assertThat(problem("{\"type\":\"object\",\"properties\":[]}", false)).contains("'properties'");
    assertThat(problem("{\"type\":\"object\",\"required\":[1]}", false)).contains("'required'");
    assertThat(problem("{\"type\":\"object\",\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"}", false))
        .contains("$schema");
    // Keywords clients read their own way, at any depth.
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"u\":{\"type\":\"string\",\"format\":\"uri\"}}}", false))
        .contains("/properties/u/format");
    assertThat(problem("{\"type\":\"object\",\"$defs\":{\"S\":{\"type\":\"string\",\"pattern\":\"^a\"}}}", false))
        .contains("/$defs/S/pattern");
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"n\":{\"nullable\":true}}}", false))
        .contains("/properties/n/nullable");
    // A property named like such a keyword is not one.
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"format\":{\"type\":\"string\"}}}", false)).isNull();
  }

  @Test
  void aWrappedToolNeedsTheEnvelope() {
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"items\":{}}}", true)).contains("envelope");
    assertThat(problem("{\"type\":\"object\",\"properties\":{\"result\":{}}}", true)).as("result not required")
        .contains("envelope");
    ToolDefinition noSchema = tool("{}", true);
    ToolDefinition withoutSchema = new ToolDefinition(noSchema.name(), noSchema.description(), noSchema.method(),
        noSchema.baseUrl(), noSchema.path(), noSchema.inputSchema(), null, Boolean.TRUE, noSchema.risk(),
        noSchema.annotations(), noSchema.binding(), noSchema.security(), noSchema.deprecated());
    assertThat(StructuredOutput.problem(withoutSchema)).hasValueSatisfying(p -> assertThat(p).contains("no outputSchema"));
  }

  @Test
  void aWrappedToolsContentIsTheBodyUnderResult() {
    JsonNode array = json("[{\"id\":1},{\"id\":2}]");
    assertThat(StructuredOutput.content(tool("{\"type\":\"object\",\"properties\":{\"result\":{}},\"required\":[\"result\"]}",
        true), array)).isEqualTo(json("{\"result\":[{\"id\":1},{\"id\":2}]}"));
    assertThat(StructuredOutput.content(tool("{\"type\":\"object\",\"properties\":{\"result\":{}},\"required\":[\"result\"]}",
        true), json("null"))).isEqualTo(json("{\"result\":null}"));
    JsonNode object = json("{\"id\":1}");
    assertThat(StructuredOutput.content(tool("{\"type\":\"object\"}", false), object)).isSameAs(object);
  }

  @Test
  void falseIsNotWrittenSoItNeverChangesADigest() {
    ToolDefinition unwrapped = tool("{\"type\":\"object\"}", false);
    ToolDefinition explicitFalse = new ToolDefinition(unwrapped.name(), unwrapped.description(), unwrapped.method(),
        unwrapped.baseUrl(), unwrapped.path(), unwrapped.inputSchema(), unwrapped.outputSchema(), Boolean.FALSE,
        unwrapped.risk(), unwrapped.annotations(), unwrapped.binding(), unwrapped.security(), unwrapped.deprecated());
    assertThat(explicitFalse).isEqualTo(unwrapped);
    assertThat(dev.cask.runtime.json.CanonicalJson.digest(explicitFalse))
        .isEqualTo(dev.cask.runtime.json.CanonicalJson.digest(unwrapped));
    assertThat(new String(dev.cask.runtime.json.CanonicalJson.canonicalBytes(unwrapped),
        java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("outputWrapped");
  }
}
