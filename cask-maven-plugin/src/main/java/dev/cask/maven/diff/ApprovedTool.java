package dev.cask.maven.diff;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import java.util.List;
import java.util.Objects;

/**
 * What the approved state pins for one operation (a lockfile entry, seen from diff).
 *
 * @param operation the operation identity ({@code OperationKey.id()})
 * @param name the tool name at approval
 * @param digest the approved tool digest
 * @param risk the risk tier at approval, or null
 * @param blocked whether the decision was a block
 * @param signers the signer ids of valid approvals
 */
public record ApprovedTool(String operation, String name, String digest, RiskTier risk, boolean blocked, List<String> signers) {
  public ApprovedTool {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
    signers = Lists.copy(signers);
  }

  /** The host part of the operation identity ({@code GET api.example.com/users} gives {@code api.example.com}). */
  public String host() {
    int space = operation.indexOf(' ');
    int slash = operation.indexOf('/', space + 1);
    return slash < 0 ? operation.substring(space + 1) : operation.substring(space + 1, slash);
  }
}
