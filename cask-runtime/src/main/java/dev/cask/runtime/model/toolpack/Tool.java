package dev.cask.runtime.model.toolpack;

import dev.cask.runtime.model.capture.Evidence;
import java.util.Objects;

/**
 * A compiled tool: its definition, the digest that pins it, and the evidence a reviewer sees beside it.
 *
 * @param digest {@code sha256:<hex>} of the RFC 8785 canonical JSON of {@link #definition()}
 * @param definition what the tool is and does (all of it is digested)
 * @param evidence what traffic showed (not digested), or null
 */
public record Tool(String digest, ToolDefinition definition, Evidence evidence) {
  public Tool {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(definition, "definition");
  }

  public String name() {
    return definition.name();
  }
}
