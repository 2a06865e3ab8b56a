package dev.cask.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our JCS writer must produce exactly the reference implementation's bytes. */
class CanonicalJsonTest {
  static byte[] reference(JsonNode node) throws Exception {
    return new JsonCanonicalizer(CaskMappers.json().writeValueAsString(node)).getEncodedUTF8();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"b\":1,\"a\":[true,false,null],\"c\":{\"z\":\"\",\"y\":-0.0}}",
    "{\"n\":[0,1,-1,1.5,1e21,1e-7,123456789012345678901234567890,9007199254740993,0.1,3.14159,1E+2,-1e-300,5e-324]}",
    "{\"s\":\"quote\\\" back\\\\ slash \\u0000 \\u001f \\b\\f\\n\\r\\t \\u007f é 😀 \\u2028 \\u2029 </script>\"}",
    "{\"\\u20ac\":1,\"\\r\":2,\"\\ud83d\\ude00\":3,\"a\":4,\"A\":5,\"\":6,\"ö\":7,\"\\ufb33\":8}",
    "[[],{},[{}],\"x\",1,12.5,\"top\"]"
  })
  void sameBytesAsTheReferenceImplementation(String json) throws Exception {
    JsonNode node = CaskMappers.json().readTree(json);
    assertThat(new String(CanonicalJson.canonicalBytes(node), StandardCharsets.UTF_8))
        .isEqualTo(new String(reference(node), StandardCharsets.UTF_8));
    assertThat(CanonicalJson.digest(node)).isEqualTo(CanonicalJson.digestBytes(reference(node)));
  }

  @Test
  void recordsAreCanonicalizedAsTheStrictMapperSerializesThem() throws Exception {
    Object value = Map.of("list", List.of(3, 2, 1), "name", "x", "nested", Map.of("b", 2.50, "a", 1));
    JsonNode tree = CaskMappers.json().valueToTree(value);
    assertThat(CanonicalJson.canonicalBytes(value)).isEqualTo(reference(tree));
    assertThat(new String(CanonicalJson.canonicalBytes(value), StandardCharsets.UTF_8))
        .isEqualTo("{\"list\":[3,2,1],\"name\":\"x\",\"nested\":{\"a\":1,\"b\":2.5}}");
  }

  @Test
  void aRecordHoldingJsonTreesIsCanonicalizedAsItsSerializedForm() throws Exception {
    dev.cask.runtime.model.toolpack.ToolDefinition definition =
        dev.cask.runtime.verification.GateFixture.withInputSchema(
            dev.cask.runtime.verification.GateFixture.definition("get_user", dev.cask.runtime.model.HttpMethod.GET,
                "/users/{id}", dev.cask.runtime.model.RiskTier.READ, "Gets a user. \u00e9\ud83d\ude00 \"q\" \u0001"),
            CaskMappers.json().readTree(
                "{\"type\":\"object\",\"properties\":{\"z\":{\"maximum\":1e21,\"minimum\":-9007199254740993},"
                    + "\"a\":{\"enum\":[1.50,2,null,true,\"\u2028\"]}},\"additionalProperties\":false}"));
    JsonNode serialized = CaskMappers.json().readTree(CaskMappers.json().writeValueAsBytes(definition));
    assertThat(CanonicalJson.canonicalBytes(definition)).isEqualTo(reference(serialized));
    assertThat(CanonicalJson.digest(definition)).isEqualTo(CanonicalJson.digestBytes(reference(serialized)));
    // The schema inside the record is read, never changed or replaced.
    assertThat(definition.inputSchema().get("properties").get("a").get("enum").get(0).decimalValue())
        .isEqualByComparingTo("1.50");
  }

  @Test
  void aFlatMapOfStringsAndNumbersIsWrittenDirectlyWithTheSameBytes() throws Exception {
    Map<String, Object> payload = new java.util.TreeMap<>();
    payload.put("purpose", "cask.tool-approval");
    payload.put("formatVersion", 1);
    payload.put("big", 9007199254740993L);
    payload.put("flag", true);
    payload.put("reason", "r\u00e9sum\u00e9 \ud83d\ude00 \\ \"x\" \n");
    assertThat(CanonicalJson.canonicalBytes(payload)).isEqualTo(reference(CaskMappers.json().valueToTree(payload)));
  }

  @Test
  void anUnpairedSurrogateIsWrittenAsAQuestionMarkAsBefore() {
    JsonNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("a\ud800b\udc00");
    assertThat(new String(CanonicalJson.canonicalBytes(node), StandardCharsets.UTF_8)).isEqualTo("\"a?b?\"");
  }
}
