package dev.cask.runtime.server.spi;

import java.util.Objects;

/**
 * What a person is asked to approve, for a transport that asks in the client (MCP elicitation).
 *
 * @param challengeId the challenge id
 * @param tool the tool that will run
 * @param summary exactly what will be sent (method, URL, headers, body), redacted
 * @param expiresAt ISO-8601 instant after which the challenge is void
 */
public record ConfirmationPrompt(String challengeId, String tool, String summary, String expiresAt) {
  public ConfirmationPrompt {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
