package dev.cask.runtime.propose;

import dev.cask.runtime.text.ControlCharacters;
import java.util.ArrayList;
import java.util.List;

/**
 * How a proposal is shown to a person (console, reports) or an agent: what the agent wrote is untrusted, so it is
 * always labelled as the agent's, quoted, escaped with the project's one escaper ({@link ControlCharacters}: control,
 * bidirectional and invisible characters) and cut, so it can neither redraw a reviewer's screen nor pass for Cask's
 * own text (an "APPROVED" in a reason is just quoted text).
 */
public final class ProposalText {
  /** The most characters of a reason shown on one line. */
  public static final int REASON_SHOWN = 300;

  private ProposalText() {}

  /** {@code tool delete_book} or {@code operation GET https://host/path} (escaped). */
  public static String subject(Proposal proposal) {
    return proposal.isTool()
        ? "tool " + ControlCharacters.escapeIdentifier(proposal.tool(), 64)
        : "operation " + ControlCharacters.escapeIdentifier(proposal.method(), 8) + " "
            + ControlCharacters.escapeIdentifier(proposal.url(), 300);
  }

  /** The agent's reason, escaped, cut and quoted. */
  public static String reason(Proposal proposal) {
    return "\"" + ControlCharacters.escape(proposal.reason(), REASON_SHOWN).replace("\"", "\\\"") + "\"";
  }

  /** The lines for {@code gate-status} and {@code repair}: id, state, when, what, and the agent's reason. */
  public static List<String> lines(Proposal proposal) {
    List<String> lines = new ArrayList<>();
    lines.add(proposal.id() + "  " + proposal.state() + "  " + ControlCharacters.escapeIdentifier(proposal.createdAt(), 40)
        + "  " + subject(proposal));
    lines.add("    agent's reason (untrusted): " + reason(proposal));
    return lines;
  }
}
