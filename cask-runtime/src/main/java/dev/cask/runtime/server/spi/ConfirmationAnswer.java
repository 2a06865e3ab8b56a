package dev.cask.runtime.server.spi;

/** What a person answered in the client (MCP elicitation) to a {@link ConfirmationPrompt}. */
public enum ConfirmationAnswer {
  /** The person explicitly approved exactly the call the prompt describes. */
  APPROVED,
  /** The person explicitly declined: the challenge is void. */
  DECLINED,
  /**
   * No answer: dismissed, timed out, or the client failed. The challenge keeps waiting, so a person can still approve
   * it out of band.
   */
  UNANSWERED
}
