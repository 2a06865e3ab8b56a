package dev.cask.runtime.server.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.toolpack.GraphQlBinding;

/**
 * The body of a GraphQL tool's request: the pinned document, the operation's name and the validated arguments as its
 * variables ({@code {"query": …, "operationName": …, "variables": {…}}}, JSON, the GraphQL-over-HTTP POST form). The
 * document comes from the approved binding only; nothing an agent sends can change it (an argument that is not a
 * declared variable never passes the closed input schema, and is not read here either).
 */
final class GraphQlRequestBody {
  static final String MEDIA_TYPE = "application/json";

  private final GraphQlBinding binding;

  GraphQlRequestBody(GraphQlBinding binding) {
    this.binding = binding;
  }

  byte[] encode(JsonNode arguments) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", binding.document());
    if (binding.operationName() != null) {
      body.put("operationName", binding.operationName());
    }
    ObjectNode variables = body.putObject("variables");
    for (String variable : binding.variables()) {
      JsonNode value = arguments.get(variable);
      if (value != null) {
        variables.set(variable, value);
      }
    }
    try {
      return CaskMappers.json().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new RequestRejectedException("the GraphQL variables cannot be written as JSON");
    }
  }
}
