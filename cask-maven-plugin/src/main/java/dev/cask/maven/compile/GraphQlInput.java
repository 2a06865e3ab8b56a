package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.GraphQlOperation;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.schema.BodyObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of a GraphQL operation's tool: its arguments are the operation's variables (the schema of its request
 * body, the variables object), each closed as a request body is ({@link BodyObjects}); the binding fixes the document.
 * There is no argument for a query text: anything but a declared variable is an undeclared argument.
 */
final class GraphQlInput {
  private GraphQlInput() {}

  static ToolInput build(CapturedOperation operation) {
    GraphQlOperation graphql = operation.graphql();
    JsonNode variables = operation.requestBody() == null || operation.requestBody().contents().isEmpty()
        ? null : operation.requestBody().contents().get(0).schema();
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    for (String variable : graphql.variables()) {
      JsonNode declared = variables == null ? null : variables.path("properties").get(variable);
      properties.set(variable, declared == null ? JsonNodeFactory.instance.objectNode() : declared.deepCopy());
    }
    if (variables != null && variables.has("required")) {
      schema.set("required", variables.get("required").deepCopy());
    }
    schema.put("additionalProperties", false);
    if (variables != null && variables.has("$defs")) {
      schema.set("$defs", variables.get("$defs").deepCopy());
    }
    List<String> warnings = new ArrayList<>();
    JsonNode closed = schema;
    for (String variable : graphql.variables()) {
      BodyObjects.Result result = BodyObjects.close(closed, variable);
      closed = result.schema();
      for (BodyObjects.Place place : result.places()) {
        if (place.kind() == BodyObjects.Kind.CLOSED && !place.namesProperties()) {
          warnings.add("the GraphQL variable at " + place.pointer() + " was only seen as an empty object: it takes only"
              + " an empty object (give the GraphQL schema to type it)");
        }
      }
    }
    return new ToolInput((ObjectNode) closed, new RequestBinding(List.of(), null, graphql.binding()), List.of(), warnings);
  }
}
