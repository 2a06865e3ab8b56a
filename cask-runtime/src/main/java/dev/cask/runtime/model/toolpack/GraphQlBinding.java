package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.GraphQlOperations;
import dev.cask.runtime.model.Lists;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a GraphQL tool's request is built: the document is fixed (pinned by the tool's digest) and the agent's arguments
 * are its variables. The runtime sends {@code {"query": document, "operationName": name, "variables": {…}}} as JSON
 * with POST to the tool's path without its {@code #} fragment; an argument that is not a variable is undeclared.
 *
 * @param operationType {@code query} or {@code mutation} (subscriptions are never tools)
 * @param operationName the operation's name, or null for an anonymous operation
 * @param document the normalised document: the operation and the fragments it uses, nothing else
 * @param variables the variable names, each an argument of the input schema, in document order
 */
public record GraphQlBinding(String operationType, String operationName, String document, List<String> variables) {
  public GraphQlBinding {
    Objects.requireNonNull(operationType, "operationType");
    Objects.requireNonNull(document, "document");
    if (!operationType.equals("query") && !operationType.equals("mutation")) {
      throw new IllegalArgumentException("GraphQL operation type '" + operationType + "' is not query or mutation");
    }
    if (document.isBlank()) {
      throw new IllegalArgumentException("the GraphQL document is empty");
    }
    variables = Lists.copy(variables);
    for (String variable : variables) {
      if (!GraphQlOperations.NAME.matcher(variable).matches()) {
        throw new IllegalArgumentException("GraphQL variable '" + variable + "' is not a GraphQL name");
      }
    }
    if (new HashSet<>(variables).size() != variables.size()) {
      throw new IllegalArgumentException("a GraphQL variable is listed twice");
    }
    GraphQlOperations.identity(operationName, document); // a name that is not a GraphQL name is refused
  }

  /** The operation's identity: the fragment of the tool's path. */
  public String identity() {
    return GraphQlOperations.identity(operationName, document);
  }
}
