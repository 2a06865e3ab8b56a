package dev.cask.runtime.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.redact.Redactor;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.MetaTool;
import dev.cask.runtime.server.spi.ToolCallOutcome;

/**
 * {@code cask_propose} ({@code serve --proposals}): an agent asks a person for a capability it lacks. The request is
 * checked, redacted and stored as a draft ({@link ProposalStore}); storing it grants nothing, and the answer says so.
 */
public final class ProposeTool implements MetaTool {
  /** The tool's name. */
  public static final String NAME = "cask_propose";
  /** Reason code of a stored (or already waiting) proposal. */
  public static final String PROPOSAL_STORED = "proposal_stored";
  /** Reason code of a request that could not be read. */
  public static final String PROPOSAL_INVALID = "proposal_invalid";
  /** Reason code when too many proposals wait. */
  public static final String PROPOSALS_FULL = "proposals_full";

  /** What a denial of an unknown tool or by the policy adds, when proposals are on. */
  public static final String DENIAL_HINT = "If the task needs this, you can ask a person for it: call " + NAME
      + " with {\"tool\": \"<name>\", \"reason\": \"<why>\"}, or, for an operation no tool covers, {\"method\": \"GET\","
      + " \"url\": \"https://host/path/{param}\", \"reason\": \"<why>\"}. A person reviews it; nothing is granted"
      + " until they approve and sign it.";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ProposalStore store;
  private final String toolpack;
  private final Redactor redactor;
  private final ToolDefinition definition;

  public ProposeTool(ProposalStore store, String toolpack, Redactor redactor) {
    this.store = store;
    this.toolpack = toolpack;
    this.redactor = redactor;
    this.definition = MetaTool.listing(NAME, "Propose a capability to a person",
        "Ask a person for a capability you lack: a tool that exists but is blocked or not approved (give \"tool\"), or"
            + " an operation no tool covers (give \"method\" and \"url\"; mark path parameters as {name}). Always say"
            + " why in \"reason\". This only stores a draft for a person to review: it grants nothing, and you cannot"
            + " call what you proposed until a person has approved and signed it.",
        schema(), false);
  }

  private static ObjectNode schema() {
    ObjectNode schema = JSON.objectNode().put("type", "object").put("additionalProperties", false);
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("tool").put("type", "string").put("pattern", "^[a-z0-9_]{1,64}$")
        .put("description", "A tool that exists but is blocked or not approved.");
    properties.putObject("method").put("type", "string")
        .put("description", "The HTTP method of a new operation.")
        .putArray("enum").add("GET").add("POST").add("PUT").add("PATCH").add("DELETE");
    properties.putObject("url").put("type", "string").put("maxLength", ProposalRequest.MAX_URL)
        .put("description", "The absolute URL of a new operation; mark path parameters as {name}.");
    properties.putObject("reason").put("type", "string").put("minLength", 1).put("maxLength", ProposalRequest.MAX_REASON)
        .put("description", "Why the task needs it.");
    schema.putArray("required").add("reason");
    return schema;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolCallOutcome call(String sessionId, JsonNode arguments) {
    ProposalRequest request;
    try {
      request = ProposalRequest.read(arguments, redactor);
    } catch (IllegalArgumentException e) {
      return denial(PROPOSAL_INVALID, e.getMessage());
    }
    ProposalStore.Stored stored;
    try {
      stored = store.propose(request, toolpack, sessionId);
    } catch (IllegalStateException e) {
      return denial(PROPOSALS_FULL, e.getMessage());
    }
    Proposal proposal = stored.proposal();
    String text = (stored.created() ? "Stored proposal " : "This is already proposed and waiting: proposal ") + proposal.id()
        + " (" + ProposalText.subject(proposal) + "). A person reviews it (mvn cask:gate-status lists it). Nothing is"
        + " granted yet: calls stay denied until a person approves and signs the tool with the gate; do not retry them"
        + " meanwhile.";
    ObjectNode meta = JSON.objectNode().put("reason", PROPOSAL_STORED).put("proposal", proposal.id())
        .put("state", proposal.state());
    ObjectNode structured = JSON.objectNode().put("proposal", proposal.id()).put("state", proposal.state())
        .put("created", stored.created());
    return new ToolCallOutcome(Decision.ALLOW, PROPOSAL_STORED, text, structured, false, null, meta);
  }

  private static ToolCallOutcome denial(String reason, String detail) {
    return new ToolCallOutcome(Decision.DENY, reason, "Denied (" + reason + "): " + detail, null, true, null,
        JSON.objectNode().put("reason", reason));
  }
}
