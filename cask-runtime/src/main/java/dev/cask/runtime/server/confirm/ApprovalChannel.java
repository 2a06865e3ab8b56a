package dev.cask.runtime.server.confirm;

import java.util.Locale;

/** How a person approved a challenge; recorded with the approval (under its MAC) and in the audit log. */
public enum ApprovalChannel {
  /** Out of band: {@code java -jar cask-runtime.jar confirm <id>}, run by a person who holds the server key. */
  CLI,
  /** In the MCP client: a prompt (elicitation) the server sent, answered with the box ticked ({@code serve --elicitation}). */
  ELICITATION;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** {@code cli} or {@code elicitation}: the value of {@code approvedVia} in challenges and audit records. */
  public String wireName() {
    return wireName;
  }
}
