package dev.cask.runtime.schema;

import static dev.cask.runtime.server.testing.ToolFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both ways through a schema reach exactly its subschemas, never data that looks like one. */
class SchemaWalkerTest {
  private static final JsonNode SCHEMA = json("{\"type\":\"object\",\"properties\":{"
      + "\"format\":{\"type\":\"string\",\"enum\":[{\"$ref\":\"#/not/a/schema\"}]},"
      + "\"list\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Item\"},\"default\":[{\"type\":\"data\"}]}},"
      + "\"anyOf\":[{\"required\":[\"list\"]},true],"
      + "\"$defs\":{\"Item\":{\"properties\":{\"id\":{\"const\":{\"properties\":{}}}}}},"
      + "\"examples\":[{\"type\":\"object\"}]}");

  @Test
  void walkAndVisitReachTheSameSubschemas() {
    Map<JsonNode, String> walked = new IdentityHashMap<>();
    SchemaWalker.walk(SCHEMA, (pointer, schema) -> walked.put(schema, pointer));
    List<JsonNode> visited = new ArrayList<>();
    SchemaWalker.visit(SCHEMA, visited::add);

    assertThat(visited).hasSameSizeAs(walked.keySet());
    assertThat(visited).allSatisfy(schema -> assertThat(walked).containsKey(schema));
    assertThat(walked.values()).containsExactlyInAnyOrder("", "/properties/format", "/properties/list",
        "/properties/list/items", "/anyOf/0", "/$defs/Item", "/$defs/Item/properties/id");
  }
}
