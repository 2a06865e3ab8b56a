package dev.cask.runtime.model.capture;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import java.util.List;
import java.util.Objects;

/**
 * A GraphQL operation seen in traffic: what its tool will send, fixed. Its variables' schema is the operation's request
 * body schema (from the GraphQL schema when one is given, else inferred from the variables observed).
 *
 * @param operationType {@code query} or {@code mutation}
 * @param operationName the name, or null for an anonymous operation
 * @param document the normalised document (the operation and the fragments it uses)
 * @param variables the variables it declares, in document order
 * @param rootFields the fields it selects at the root ({@code deleteUser}): words the risk rules read
 * @param variablesFrom {@code schema} when the variables' types come from a GraphQL schema, {@code traffic} when
 *     inferred from the variables observed
 */
public record GraphQlOperation(
    String operationType, String operationName, String document, List<String> variables, List<String> rootFields,
    String variablesFrom) {
  public GraphQlOperation {
    Objects.requireNonNull(variablesFrom, "variablesFrom");
    variables = Lists.copy(variables);
    rootFields = Lists.copy(rootFields);
    new GraphQlBinding(operationType, operationName, document, variables); // the same rules as the tool's binding
  }

  /** The binding a tool of this operation sends. */
  public GraphQlBinding binding() {
    return new GraphQlBinding(operationType, operationName, document, variables);
  }
}
