package dev.cask.runtime.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Limit;
import dev.cask.runtime.model.policy.RateLimits;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.PolicyEngine;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.propose.Proposal;
import dev.cask.runtime.propose.ProposalStore;
import dev.cask.runtime.propose.ProposalText;
import dev.cask.runtime.repair.AuditReader;
import dev.cask.runtime.repair.AuditRecord;
import dev.cask.runtime.server.confirm.ConfirmationStore;
import dev.cask.runtime.server.confirm.PendingConfirmation;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.MetaTool;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.text.ControlCharacters;
import dev.cask.runtime.verification.VerifiedToolpack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The tools of the read-only {@code inspect} server: the governance state of a verified toolpack for an agent. Each one
 * reads (the toolpack, the policy, the serving server's audit log, pending confirmations and proposals beside it); none
 * sends a request or writes anything.
 */
public final class InspectTools {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** The most denials {@code recent_denials} returns. */
  static final int MAX_DENIALS = 100;

  private final VerifiedToolpack verified;
  private final PolicyEngine policy;
  private final CallExplainer explainer;
  private final Path auditLog;
  private final Clock clock;

  InspectTools(VerifiedToolpack verified, CallExplainer explainer, Path auditLog, Clock clock) {
    this.verified = verified;
    this.policy = PolicyEngine.compile(verified.policy());
    this.explainer = explainer;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  List<MetaTool> tools() {
    return List.of(
        tool("list_approved_tools", "Approved tools",
            "The tools this toolpack approves (signed in the lockfile), each with its risk tier, HTTP method, host, path,"
                + " what the policy does with a call of it, and the rate limits it counts against.",
            object(), (session, arguments) -> approvedTools()),
        tool("explain_call", "Explain a call",
            "What would happen to this exact call if it were made now: decided by the same enforcement pipeline as the"
                + " server, as a dry run (nothing is sent, counted or recorded). Answers decision (allow, deny, confirm),"
                + " reason code, the deciding rule, and the request that would be sent.",
            explainSchema(), (session, arguments) -> explain(arguments)),
        tool("pending_confirmations", "Pending confirmations",
            "Calls waiting for a person's confirmation: challenge id, tool, what would be sent (redacted), expiry.",
            object(), (session, arguments) -> confirmations()),
        tool("pending_proposals", "Pending proposals",
            "Capabilities agents asked for with cask_propose that wait for a person. A proposal grants nothing.",
            object(), (session, arguments) -> proposals()),
        tool("recent_denials", "Recent denials",
            "The most recent calls the server denied, newest first, from its audit log: time, tool, reason code, rule.",
            limitSchema(), (session, arguments) -> denials(arguments)),
        tool("risk_summary", "Risk summary",
            "The approved tools counted by risk tier and by what the policy does with them, the hosts they reach, the"
                + " writes that run without confirmation, and what waits for a person.",
            object(), (session, arguments) -> riskSummary()));
  }

  private static MetaTool tool(String name, String title, String description, ObjectNode schema,
      BiFunction<String, JsonNode, ObjectNode> answer) {
    ToolDefinition definition = MetaTool.listing(name, title, description, schema, true);
    return new MetaTool() {
      @Override
      public ToolDefinition definition() {
        return definition;
      }

      @Override
      public ToolCallOutcome call(String sessionId, JsonNode arguments) {
        ObjectNode result;
        try {
          result = answer.apply(sessionId, arguments == null || arguments.isNull() ? JSON.objectNode() : arguments);
        } catch (IllegalArgumentException e) {
          return new ToolCallOutcome(Decision.DENY, "invalid_arguments", "Denied (invalid_arguments): " + e.getMessage(),
              null, true, null, JSON.objectNode().put("reason", "invalid_arguments"));
        }
        return new ToolCallOutcome(Decision.ALLOW, "ok", text(result), result, false, null,
            JSON.objectNode().put("reason", "ok"));
      }
    };
  }

  private static String text(ObjectNode result) {
    try {
      return CaskMappers.jsonPretty().writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object() {
    ObjectNode schema = JSON.objectNode().put("type", "object").put("additionalProperties", false);
    schema.putObject("properties");
    return schema;
  }

  private static ObjectNode explainSchema() {
    ObjectNode schema = JSON.objectNode().put("type", "object").put("additionalProperties", false);
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("tool").put("type", "string").put("description", "The tool's name, as the agent would call it.");
    properties.putObject("arguments").put("type", "object")
        .put("description", "The arguments exactly as the call would send them.");
    schema.putArray("required").add("tool");
    return schema;
  }

  private static ObjectNode limitSchema() {
    ObjectNode schema = JSON.objectNode().put("type", "object").put("additionalProperties", false);
    schema.putObject("properties").putObject("limit").put("type", "integer").put("minimum", 1).put("maximum", MAX_DENIALS)
        .put("description", "How many denials (default 20).");
    return schema;
  }

  private static void onlyFields(JsonNode arguments, String... names) {
    if (!arguments.isObject()) {
      throw new IllegalArgumentException("the arguments must be an object");
    }
    List<String> allowed = List.of(names);
    arguments.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException("unknown argument (allowed: " + String.join(", ", allowed) + ")");
      }
    });
  }

  ObjectNode explain(JsonNode arguments) {
    onlyFields(arguments, "tool", "arguments");
    JsonNode tool = arguments.get("tool");
    if (tool == null || !tool.isTextual()) {
      throw new IllegalArgumentException("\"tool\" is required: the tool's name as a string");
    }
    JsonNode callArguments = arguments.get("arguments");
    ObjectNode answer = JSON.objectNode();
    answer.put("tool", ControlCharacters.escapeIdentifier(tool.textValue(), 100));
    answer.setAll(explainer.explain(tool.textValue(), callArguments));
    return answer;
  }

  /** What the policy does with a call of the tool: the effect and rule when no argument can change it. */
  private ObjectNode policyOf(ToolDefinition definition) {
    ObjectNode node = JSON.objectNode();
    Optional<PolicyVerdict> verdict = policy.forTool(definition).withoutArguments();
    if (verdict.isEmpty()) {
      node.put("effect", "depends on the arguments");
      node.set("rules", JSON.arrayNode().addAll(policy.forTool(definition).ruleIds().stream().map(JSON::textNode).toList()));
      return node;
    }
    node.put("effect", verdict.get().effect().wireName());
    if (verdict.get().ruleId() == null) {
      node.put("byDefault", true);
    } else {
      node.put("rule", verdict.get().ruleId());
    }
    if (verdict.get().reason() != null) {
      node.put("reason", verdict.get().reason());
    }
    return node;
  }

  private ArrayNode limitsOf(ToolDefinition definition) {
    ArrayNode limits = JSON.arrayNode();
    RateLimits rates = verified.policy().rateLimits();
    if (rates == null) {
      return limits;
    }
    if (rates.global() != null) {
      limits.add(limit("global", rates.global()));
    }
    Limit tier = rates.tiers().get(definition.risk().tier().wireName());
    if (tier != null) {
      limits.add(limit("tier:" + definition.risk().tier().wireName(), tier));
    }
    Limit tool = rates.tools().get(definition.name());
    if (tool != null) {
      limits.add(limit("tool:" + definition.name(), tool));
    }
    return limits;
  }

  private static ObjectNode limit(String id, Limit limit) {
    return JSON.objectNode().put("counter", id).put("calls", limit.calls()).put("windowSeconds", limit.windowSeconds());
  }

  ObjectNode approvedTools() {
    ObjectNode result = JSON.objectNode().put("toolpack", verified.name()).put("version", verified.version());
    ArrayNode tools = result.putArray("tools");
    for (ToolDefinition definition : verified.definitions()) {
      ObjectNode tool = tools.addObject();
      tool.put("name", definition.name());
      tool.put("risk", definition.risk().tier().wireName());
      tool.put("method", definition.method().name());
      tool.put("host", definition.host());
      tool.put("path", definition.operation().pathTemplate());
      tool.set("policy", policyOf(definition));
      tool.set("limits", limitsOf(definition));
    }
    return result;
  }

  private List<PendingConfirmation> pendingConfirmations() {
    Path directory = auditLog.toAbsolutePath().getParent();
    // Only an existing store is read: opening one where none is would create it (and a server key).
    if (!Files.isDirectory(directory.resolve(ConfirmationStore.DIRECTORY))
        || !Files.isRegularFile(directory.resolve(ConfirmationStore.KEY_FILE))) {
      return List.of();
    }
    return ConfirmationStore.forAuditLog(auditLog, clock, ConfirmationStore.DEFAULT_TTL).pending();
  }

  ObjectNode confirmations() {
    ObjectNode result = JSON.objectNode();
    ArrayNode list = result.putArray("confirmations");
    for (PendingConfirmation pending : pendingConfirmations()) {
      list.addObject().put("id", pending.id()).put("tool", ControlCharacters.escapeIdentifier(pending.tool(), 100))
          .put("state", pending.state().name().toLowerCase(java.util.Locale.ROOT)).put("expiresAt", pending.expiresAt())
          .put("summary", ControlCharacters.escapeKeepingLines(pending.summary()));
    }
    result.put("approveWith", "a person runs: java -jar cask-runtime.jar confirm <id>");
    return result;
  }

  private List<Proposal> pendingProposals() {
    return ProposalStore.forAuditLog(auditLog, clock).list().pending();
  }

  ObjectNode proposals() {
    ObjectNode result = JSON.objectNode();
    ArrayNode list = result.putArray("proposals");
    for (Proposal proposal : pendingProposals()) {
      list.addObject().put("id", proposal.id()).put("createdAt", proposal.createdAt())
          .put("asks", ProposalText.subject(proposal)).put("reason", ProposalText.reason(proposal));
    }
    result.put("note", "a proposal grants nothing: a person accepts it (mvn cask:propose-accept) and signs the tool with"
        + " the gate");
    return result;
  }

  private List<AuditRecord> denialRecords() {
    return AuditReader.read(auditLog, 0).records().stream().filter(AuditRecord::isDenial).toList();
  }

  ObjectNode denials(JsonNode arguments) {
    onlyFields(arguments, "limit");
    int limit = 20;
    JsonNode given = arguments.get("limit");
    if (given != null) {
      if (!given.canConvertToInt() || !given.isIntegralNumber() || given.asInt() < 1 || given.asInt() > MAX_DENIALS) {
        throw new IllegalArgumentException("\"limit\" must be a whole number from 1 to " + MAX_DENIALS);
      }
      limit = given.asInt();
    }
    List<AuditRecord> all = denialRecords();
    ObjectNode result = JSON.objectNode().put("total", all.size());
    ArrayNode list = result.putArray("denials");
    for (int i = all.size() - 1; i >= 0 && list.size() < limit; i--) {
      AuditRecord record = all.get(i);
      ObjectNode node = list.addObject().put("time", record.time().toString())
          .put("tool", ControlCharacters.escapeIdentifier(record.tool(), 100)).put("reason", record.reason());
      if (record.rule() != null) {
        node.put("rule", record.rule());
      }
    }
    return result;
  }

  ObjectNode riskSummary() {
    ObjectNode result = JSON.objectNode().put("toolpack", verified.name()).put("tools", verified.definitions().size());
    ObjectNode tiers = result.putObject("byTier");
    TreeSet<String> hosts = new TreeSet<>();
    List<String> unconfirmed = new ArrayList<>();
    for (RiskTier tier : RiskTier.values()) {
      tiers.putObject(tier.wireName()).put("tools", 0);
    }
    for (ToolDefinition definition : verified.definitions()) {
      hosts.add(definition.host());
      ObjectNode tier = (ObjectNode) tiers.get(definition.risk().tier().wireName());
      tier.put("tools", tier.get("tools").asInt() + 1);
      Optional<PolicyVerdict> verdict = policy.forTool(definition).withoutArguments();
      String effect = verdict.map(v -> v.effect().wireName()).orElse("depends on the arguments");
      tier.put(effect, tier.path(effect).asInt(0) + 1);
      if (definition.risk().tier() != RiskTier.READ && verdict.isPresent() && verdict.get().effect() == Effect.ALLOW) {
        unconfirmed.add(definition.name());
      }
    }
    ArrayNode hostList = result.putArray("hosts");
    hosts.forEach(hostList::add);
    ArrayNode writes = result.putArray("changesWithoutConfirmation");
    unconfirmed.forEach(writes::add);
    result.put("pendingConfirmations", pendingConfirmations().size());
    result.put("pendingProposals", pendingProposals().size());
    Map<String, Integer> byReason = new TreeMap<>();
    List<AuditRecord> denials = denialRecords();
    denials.forEach(record -> byReason.merge(record.reason(), 1, Integer::sum));
    ObjectNode denied = result.putObject("denials").put("total", denials.size());
    ObjectNode reasons = denied.putObject("byReason");
    byReason.forEach(reasons::put);
    return result;
  }
}
