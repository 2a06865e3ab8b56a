package dev.cask.runtime.review;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.Locale;

/**
 * One row of the review: a tool, or the toolpack's policy.
 *
 * @param tool the tool, or null for the policy row
 * @param name the tool's name ({@value #POLICY} for the policy)
 * @param tier the risk tier (the policy row shows the strictest)
 * @param state what the gate says about it now
 * @param detail the gate's short explanation (what changed, which signature fails), or empty
 * @param previous the lockfile entry of its operation, or null
 */
public record ReviewItem(Tool tool, String name, RiskTier tier, State state, String detail, LockEntry previous) {
  public static final String POLICY = "policy.yaml";

  /** The change state a reviewer sees. */
  public enum State {
    NEW, CHANGED, APPROVED, BLOCKED, INVALID;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the gate still wants a decision about it. */
    public boolean pending() {
      return this == NEW || this == CHANGED || this == INVALID;
    }
  }

  public boolean isPolicy() {
    return tool == null;
  }

  /** {@code GET host/path}, or the policy's label. */
  public String call() {
    return tool == null ? "the policy every call goes through"
        : tool.definition().method() + " " + tool.definition().host() + tool.definition().path();
  }
}
