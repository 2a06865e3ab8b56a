package dev.cask.runtime.policy;

/**
 * A rule's condition cannot be evaluated for this call (for example a {@code matches} condition on a value longer than
 * the cap). The call is denied: skipping the rule could skip a {@code deny}.
 */
public final class PolicyUnevaluableException extends RuntimeException {
  private final String ruleId;

  PolicyUnevaluableException(String ruleId, String message) {
    super("rule '" + ruleId + "': " + message);
    this.ruleId = ruleId;
  }

  public String ruleId() {
    return ruleId;
  }
}
