package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * How the runtime turns tool arguments into an HTTP request. Every argument of the input schema has exactly one binding.
 *
 * @param arguments path, query, header and cookie arguments, in input-schema order
 * @param body the body binding, or null when the operation takes no body
 */
public record RequestBinding(List<ArgumentBinding> arguments, BodyBinding body) {
  public RequestBinding {
    arguments = Lists.copy(arguments);
  }
}
