package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * How the runtime turns tool arguments into an HTTP request. Every argument of the input schema has exactly one binding.
 *
 * @param arguments path, query, header and cookie arguments, in input-schema order
 * @param body the body binding, or null when the operation takes no body
 * @param graphql for a GraphQL operation: its fixed document and variables (then there are no other arguments and no
 *     body binding); null (absent from the file) otherwise
 */
public record RequestBinding(List<ArgumentBinding> arguments, BodyBinding body, GraphQlBinding graphql) {
  public RequestBinding {
    arguments = Lists.copy(arguments);
    if (graphql != null && (!arguments.isEmpty() || body != null)) {
      throw new IllegalArgumentException("a GraphQL binding takes its variables only: no other argument, no body binding");
    }
  }

  /** A binding of an HTTP operation that is not GraphQL. */
  public RequestBinding(List<ArgumentBinding> arguments, BodyBinding body) {
    this(arguments, body, null);
  }
}
