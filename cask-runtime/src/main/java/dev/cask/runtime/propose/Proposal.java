package dev.cask.runtime.propose;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One draft in {@code proposals/<id>.json} (format version {@value #FORMAT_VERSION}, documented on the site page
 * "Repair, propose and inspect"). What the agent wrote ({@code tool}, {@code method}, {@code url}, {@code reason}) was
 * checked and redacted before it was stored, and is untrusted text wherever it is shown: every display escapes it
 * ({@link ProposalText}). Storing a proposal grants nothing.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param id the proposal id ({@link ProposalIds})
 * @param state {@code pending}, {@code accepted} or {@code rejected} ({@link ProposalState})
 * @param createdAt ISO-8601 instant the server stored it
 * @param toolpack the toolpack the server was serving
 * @param session the MCP session that asked
 * @param kind {@code tool} (a blocked or unapproved tool by name) or {@code operation} (a described new operation)
 * @param tool for {@code tool}: the tool's name; null otherwise
 * @param method for {@code operation}: the HTTP method; null otherwise
 * @param url for {@code operation}: the URL the agent gave (redacted; {@code {name}} marks a path parameter); null
 *     otherwise
 * @param reason why the agent needs it (redacted)
 * @param decidedAt ISO-8601 instant a person accepted or rejected it, or null
 * @param note the person's note with the decision, or null
 */
public record Proposal(
    int formatVersion,
    String id,
    String state,
    String createdAt,
    String toolpack,
    String session,
    String kind,
    String tool,
    String method,
    String url,
    String reason,
    String decidedAt,
    String note) {
  public static final int FORMAT_VERSION = 1;
  public static final String KIND_TOOL = "tool";
  public static final String KIND_OPERATION = "operation";

  public Proposal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  @JsonIgnore
  public ProposalState stateValue() {
    return ProposalState.fromWire(state);
  }

  @JsonIgnore
  public boolean isPending() {
    return stateValue() == ProposalState.PENDING;
  }

  @JsonIgnore
  public boolean isTool() {
    return KIND_TOOL.equals(kind);
  }

  Proposal decided(ProposalState next, String at, String byNote) {
    return new Proposal(formatVersion, id, next.wireName(), createdAt, toolpack, session, kind, tool, method, url,
        reason, at, byNote);
  }
}
