package dev.cask.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The listed output schema loses annotations in schema positions only; data and property names stay. */
class ListedOutputSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void annotationsGoFromEverySubschemaAndNothingElseChanges() throws Exception {
    JsonNode approved = json("{'type':'object','title':'Repo','description':'A repository','$comment':'c',"
        + "'properties':{"
        + "'description':{'type':['string','null'],'description':'the repo description','examples':['x']},"
        + "'title':{'type':'string','default':'t','deprecated':true,'readOnly':true,'writeOnly':false},"
        + "'kind':{'enum':[{'description':'data, not an annotation'}],'const':{'title':'data'}},"
        + "'owner':{'$ref':'#/$defs/user'},"
        + "'tags':{'type':'array','items':{'type':'string','description':'a tag'}},"
        + "'any':{'anyOf':[{'type':'string','title':'s'},{'type':'null','examples':[null]}]}},"
        + "'required':['description','title'],"
        + "'$defs':{'user':{'type':'object','description':'a user','properties':{'login':{'type':'string','title':'l'}},"
        + "'additionalProperties':{'type':'string','description':'extra'}}}}");
    JsonNode before = approved.deepCopy();

    JsonNode listed = ListedOutputSchema.of(approved);

    assertThat(approved).isEqualTo(before); // the approved schema is not touched
    assertThat(listed.get("$id").asText()).startsWith("urn:cask:output-schema:sha256:");
    assertThat(((ObjectNode) listed.deepCopy()).<JsonNode>without("$id")).isEqualTo(json("{'type':'object',"
        + "'properties':{"
        + "'description':{'type':['string','null']},"
        + "'title':{'type':'string'},"
        + "'kind':{'enum':[{'description':'data, not an annotation'}],'const':{'title':'data'}},"
        + "'owner':{'$ref':'#/$defs/user'},"
        + "'tags':{'type':'array','items':{'type':'string'}},"
        + "'any':{'anyOf':[{'type':'string'},{'type':'null'}]}},"
        + "'required':['description','title'],"
        + "'$defs':{'user':{'type':'object','properties':{'login':{'type':'string'}},"
        + "'additionalProperties':{'type':'string'}}}}"));
  }

  @Test
  void theIdIsTheSha256OfTheListedSchemasCanonicalBytes() throws Exception {
    JsonNode listed = ListedOutputSchema.of(json("{'type':'object','description':'d','properties':{'b':{'type':'integer'},"
        + "'a':{'type':'string','title':'t'}}}"));

    // RFC 8785 by hand: keys sorted, no whitespace, annotations gone, the id itself not included
    String canonical = "{\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"}},\"type\":\"object\"}";
    String sha256 = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(listed.get("$id").asText()).isEqualTo("urn:cask:output-schema:sha256:" + sha256);
    assertThat(listed.fieldNames().next()).isEqualTo("$id");
  }

  @Test
  void schemasThatCheckTheSameGetTheSameIdAndOnlyThose() throws Exception {
    JsonNode repo = json("{'type':'object','properties':{'id':{'type':'integer'}},'required':['id']}");
    JsonNode sameWithOtherWords =
        json("{'description':'other words','required':['id'],'properties':{'id':{'type':'integer','title':'x'}},"
            + "'type':'object'}");
    JsonNode otherType = json("{'type':'object','properties':{'id':{'type':'string'}},'required':['id']}");
    JsonNode notRequired = json("{'type':'object','properties':{'id':{'type':'integer'}}}");

    String id = ListedOutputSchema.of(repo).get("$id").asText();
    assertThat(ListedOutputSchema.of(sameWithOtherWords).get("$id").asText()).isEqualTo(id);
    assertThat(ListedOutputSchema.of(otherType).get("$id").asText()).isNotEqualTo(id);
    assertThat(ListedOutputSchema.of(notRequired).get("$id").asText()).isNotEqualTo(id);
  }

  @Test
  void aSchemaWithItsOwnBaseUriKeepsIt() throws Exception {
    JsonNode own = json("{'$id':'https://example.com/repo','type':'object','properties':{'o':{'$ref':'#/$defs/o'}},"
        + "'$defs':{'o':{'type':'object'}}}");

    assertThat(ListedOutputSchema.of(own)).isEqualTo(own);
  }
}
