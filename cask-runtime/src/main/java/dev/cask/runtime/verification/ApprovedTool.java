package dev.cask.runtime.verification;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A tool that passed verification: approved, not blocked, its digest equal to the lockfile's, signed by enough valid
 * signers.
 *
 * @param tool the tool (definition and digest)
 * @param operation its operation identity
 * @param signers the ids of the signers whose approvals hold
 */
public record ApprovedTool(Tool tool, OperationKey operation, List<String> signers) {
  public ApprovedTool {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(operation, "operation");
    signers = Lists.copy(signers);
  }

  public String name() {
    return tool.name();
  }

  public ToolDefinition definition() {
    return tool.definition();
  }

  /** The digest the lockfile pins (equal to the definition's, checked). */
  public String digest() {
    return tool.digest();
  }
}
