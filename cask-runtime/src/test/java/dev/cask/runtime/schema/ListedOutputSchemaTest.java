package dev.cask.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    assertThat(listed).isEqualTo(json("{'type':'object',"
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
}
