package dev.cask.maven.diff;

import static dev.cask.maven.diff.Severity.CRITICAL;
import static dev.cask.maven.diff.Severity.HIGH;
import static dev.cask.maven.diff.Severity.INFO;
import static dev.cask.maven.diff.Severity.LOW;
import static dev.cask.maven.diff.Severity.MEDIUM;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalog of every change Cask reports, like japicmp's compatibility changes: each rule has a stable id (it appears
 * in every report, in SARIF rule metadata and in suppressions people write, so it never changes once released), a
 * default severity, whether it breaks existing callers, a short title and the explanation the documentation shows.
 *
 * <p>Some rules take their severity from context; {@link #severityNote()} says how. The site page "diff" renders its
 * rule table from {@link #markdownTable()}, and a test keeps the page equal to it.
 */
public enum ChangeRule {
  // Tools
  TOOL_ADDED("tool-added", Category.TOOL, HIGH, false, "Tool added",
      "A new tool: an agent can do something it could not before.",
      "by risk tier: read → medium, write → high, destructive → high, sensitive → critical"),
  TOOL_REMOVED("tool-removed", Category.TOOL, MEDIUM, true, "Tool removed",
      "The tool is gone; agents and prompts that use it break.", null),
  TOOL_RENAMED("tool-renamed", Category.TOOL, HIGH, true, "Tool renamed",
      "Same upstream operation, new tool name: policy rules and client allow-lists that name the tool no longer match it.",
      null),
  METHOD_CHANGED("method-changed", Category.TOOL, HIGH, true, "HTTP method changed",
      "The tool now sends a different HTTP method (for example GET became DELETE).", null),
  HOST_CHANGED("host-changed", Category.TOOL, HIGH, true, "Upstream host changed",
      "The tool now calls another host: arguments and credentials go somewhere else.", null),
  PATH_CHANGED("path-changed", Category.TOOL, MEDIUM, true, "Upstream path changed",
      "The tool calls another path on the same host.", null),
  BASE_URL_CHANGED("base-url-changed", Category.TOOL, MEDIUM, false, "Base URL changed",
      "The server URL changed while the operation stayed the same (scheme, port or base path split).",
      "high when the scheme changes away from https"),
  NEW_UPSTREAM_HOST("new-upstream-host", Category.TOOLPACK, HIGH, false, "New upstream host",
      "A host no approved tool called before: data can now flow to a new party.", null),
  OPERATION_LEFT_OUT("operation-left-out", Category.TOOLPACK, MEDIUM, false, "Operation left out",
      "An operation of the source is not compiled into a tool because it is not sound (toolpack.yaml lists it under leftOut with the reason): what it does is missing from the toolpack.",
      "low when there is no baseline toolpack to tell a newly left-out operation from one left out before"),
  TOOLSET_TOOL_ADDED("toolset-tool-added", Category.TOOLPACK, MEDIUM, false, "Tool enters a toolset",
      "A tool joins a toolset (toolsets.yaml): servers started with --toolset of that name now serve it.",
      "by the tool's risk tier: read → low, write → medium, destructive → high, sensitive → high"),
  TOOLSET_TOOL_REMOVED("toolset-tool-removed", Category.TOOLPACK, LOW, true, "Tool leaves a toolset",
      "A tool leaves a toolset, or the toolset is gone: servers started with --toolset of that name no longer serve it.",
      null),
  OPERATION_COMPILED("operation-compiled", Category.TOOLPACK, INFO, false, "Left-out operation compiled",
      "An operation the baseline left out is compiled now (its tool is reported on its own).", null),
  RISK_RAISED("risk-raised", Category.TOOL, HIGH, false, "Risk tier raised",
      "The tool's risk tier went up (read < write < destructive < sensitive).", null),
  RISK_LOWERED("risk-lowered", Category.TOOL, MEDIUM, false, "Risk tier lowered",
      "The tool's risk tier went down: policy rules by tier now treat it more permissively.", null),
  RISK_REASONS_CHANGED("risk-reasons-changed", Category.TOOL, INFO, false, "Risk reasons changed",
      "The reasons behind the risk tier changed; the tier itself did not.", null),
  ANNOTATIONS_CHANGED("annotations-changed", Category.TOOL, MEDIUM, false, "Annotations changed",
      "An MCP annotation changed (readOnlyHint, destructiveHint, idempotentHint, openWorldHint, title): clients use them to decide what to confirm.",
      "low when only the title changed"),
  DEPRECATION_CHANGED("deprecation-changed", Category.TOOL, LOW, false, "Deprecation changed",
      "The operation became deprecated, or stopped being deprecated.", null),
  SECURITY_CHANGED("security-changed", Category.TOOL, HIGH, false, "Security requirements changed",
      "The authentication schemes or scopes the operation requires changed.", null),
  CHANGED_UNDETAILED("changed-undetailed", Category.TOOL, HIGH, false, "Changed since approval",
      "The digest differs from the approved one, but the approved content is not available to show what changed (give a baseline toolpack for details).",
      null),

  // What the agent reads
  DESCRIPTION_CHANGED("description-changed", Category.DESCRIPTION, HIGH, false, "Description changed",
      "The tool description is the prompt the agent reads, and the tool-poisoning vector: every change is shown as a word diff.",
      null),
  DESCRIPTION_INSTRUCTION("description-instruction", Category.DESCRIPTION, CRITICAL, false,
      "Description adds instructions",
      "New description text speaks to the agent (\"ignore previous instructions\", \"<IMPORTANT>\", \"do not tell the user\", secrets, other tools): classic tool poisoning.",
      null),
  SCHEMA_DESCRIPTION_CHANGED("schema-description-changed", Category.DESCRIPTION, HIGH, false,
      "Schema description changed",
      "A description inside the input or output schema changed: the agent reads these too.", null),

  // Input schema and binding
  INPUT_ADDED_REQUIRED("input-added-required", Category.INPUT, HIGH, true, "Required input added",
      "A new required argument: existing calls fail until agents learn it.", null),
  INPUT_ADDED_OPTIONAL("input-added-optional", Category.INPUT, LOW, false, "Optional input added",
      "A new optional argument.", null),
  INPUT_REMOVED("input-removed", Category.INPUT, MEDIUM, true, "Input removed",
      "An argument is gone; calls that send it are rejected.", null),
  INPUT_BECAME_REQUIRED("input-became-required", Category.INPUT, HIGH, true, "Input became required",
      "An optional argument is now required.", null),
  INPUT_BECAME_OPTIONAL("input-became-optional", Category.INPUT, LOW, false, "Input became optional",
      "A required argument is now optional.", null),
  INPUT_TYPE_CHANGED("input-type-changed", Category.INPUT, MEDIUM, true, "Input type changed",
      "An argument's JSON type changed (for example number to string).", null),
  INPUT_FORMAT_CHANGED("input-format-changed", Category.INPUT, MEDIUM, true, "Input format changed",
      "An argument's format changed (for example email, uuid, date-time).", null),
  INPUT_ENUM_NARROWED("input-enum-narrowed", Category.INPUT, MEDIUM, true, "Input values narrowed",
      "Fewer values are accepted: calls that send a removed value fail.", null),
  INPUT_ENUM_WIDENED("input-enum-widened", Category.INPUT, MEDIUM, false, "Input values widened",
      "More values are accepted: the agent can now ask for something it could not (for example role=admin).", null),
  INPUT_CONSTRAINT_TIGHTENED("input-constraint-tightened", Category.INPUT, MEDIUM, true, "Input constraint tightened",
      "A limit got stricter (minimum, maximum, length, items, pattern, multipleOf, additionalProperties...).", null),
  INPUT_CONSTRAINT_LOOSENED("input-constraint-loosened", Category.INPUT, MEDIUM, false, "Input constraint loosened",
      "A limit got looser or disappeared: larger or freer values now reach the upstream API.", null),
  INPUT_MOVED("input-moved", Category.INPUT, MEDIUM, true, "Input moved",
      "An argument travels somewhere else in the request (path, query, header, cookie or body).", null),
  INPUT_BINDING_CHANGED("input-binding-changed", Category.INPUT, LOW, false, "Input binding changed",
      "How an argument is put on the wire changed: its wire name, serialization style, or the body media type.", null),
  GRAPHQL_DOCUMENT_CHANGED("graphql-document-changed", Category.INPUT, HIGH, false, "GraphQL document changed",
      "The fixed GraphQL document the tool sends changed (what it selects, its arguments, its fragments, its operation type or variables): the upstream now runs something else.",
      null),
  INPUT_SCHEMA_CHANGED("input-schema-changed", Category.INPUT, MEDIUM, false, "Input schema changed",
      "Another input schema keyword changed (allOf/anyOf/oneOf alternatives, not, default, title...).", null),

  // Output schema
  OUTPUT_SCHEMA_ADDED("output-schema-added", Category.OUTPUT, LOW, false, "Output schema added",
      "The tool now declares structured output.", null),
  OUTPUT_SCHEMA_REMOVED("output-schema-removed", Category.OUTPUT, MEDIUM, true, "Output schema removed",
      "The tool no longer declares structured output; results arrive as text.", null),
  OUTPUT_PROPERTY_ADDED("output-property-added", Category.OUTPUT, INFO, false, "Output field added",
      "The result carries a new field.", null),
  OUTPUT_PROPERTY_REMOVED("output-property-removed", Category.OUTPUT, MEDIUM, true, "Output field removed",
      "A result field is gone.", null),
  OUTPUT_BECAME_OPTIONAL("output-became-optional", Category.OUTPUT, MEDIUM, true, "Output field became optional",
      "A field that was always present may now be missing.", null),
  OUTPUT_BECAME_REQUIRED("output-became-required", Category.OUTPUT, INFO, false, "Output field became required",
      "A field is now always present.", null),
  OUTPUT_TYPE_CHANGED("output-type-changed", Category.OUTPUT, MEDIUM, true, "Output type changed",
      "A result field's JSON type changed.", null),
  OUTPUT_FORMAT_CHANGED("output-format-changed", Category.OUTPUT, LOW, false, "Output format changed",
      "A result field's format changed.", null),
  OUTPUT_ENUM_WIDENED("output-enum-widened", Category.OUTPUT, LOW, true, "Output values widened",
      "A result field can hold values consumers have not seen.", null),
  OUTPUT_ENUM_NARROWED("output-enum-narrowed", Category.OUTPUT, INFO, false, "Output values narrowed",
      "A result field holds fewer values.", null),
  OUTPUT_CONSTRAINT_CHANGED("output-constraint-changed", Category.OUTPUT, LOW, false, "Output constraint changed",
      "A limit on a result field changed.", null),
  OUTPUT_SCHEMA_CHANGED("output-schema-changed", Category.OUTPUT, LOW, false, "Output schema changed",
      "Another output schema keyword changed.", null),

  // Policy
  POLICY_ALLOW_WIDENED("policy-allow-widened", Category.POLICY, HIGH, false, "Policy allows more",
      "An allow rule was added or matches more, a rule now allows what it denied or confirmed, a deny or confirm rule was removed, or the default effect got more permissive.",
      null),
  POLICY_LIMIT_RAISED("policy-limit-raised", Category.POLICY, MEDIUM, false, "Policy limit raised",
      "A budget or rate limit allows more calls, or was removed.", null),
  POLICY_TIGHTENED("policy-tightened", Category.POLICY, INFO, false, "Policy allows less",
      "A deny or confirm rule was added, an allow rule removed, or a limit lowered.", null),
  POLICY_RULE_CHANGED("policy-rule-changed", Category.POLICY, LOW, false, "Policy rule changed",
      "Another policy change (a reason text, an audit rule, a priority that changes no effect).", null),

  // Drift: a new capture against the approved baseline
  SHADOW_ENDPOINT("shadow-endpoint", Category.DRIFT, HIGH, false, "Shadow endpoint",
      "The capture shows an operation no approved tool covers.", null),
  APPROVED_NOT_SEEN("approved-not-seen", Category.DRIFT, LOW, false, "Approved operation not seen",
      "An approved tool's operation does not appear in the capture (removed upstream, or just not exercised).",
      "medium when the capture is a spec: the spec no longer declares it"),
  NEW_STATUS_CODE("new-status-code", Category.DRIFT, MEDIUM, false, "New status code",
      "The upstream API answered with a status the approved baseline does not know.", null),
  AUTH_SCHEME_CHANGED("auth-scheme-changed", Category.DRIFT, HIGH, false, "Authentication changed",
      "The capture shows other authentication schemes or scheme settings than the approved baseline.", null),
  UNDOCUMENTED_INPUT("undocumented-input", Category.DRIFT, MEDIUM, false, "Undocumented input",
      "Traffic sends a parameter or body field the approved schema does not describe.", null),
  UNDOCUMENTED_OUTPUT("undocumented-output", Category.DRIFT, LOW, false, "Undocumented output",
      "Traffic returns a field the approved schema does not describe.", null);

  /** What part of the toolpack a rule is about; groups the documentation table. */
  public enum Category {
    TOOL("Tools"),
    TOOLPACK("Toolpack"),
    DESCRIPTION("What the agent reads"),
    INPUT("Input schema and binding"),
    OUTPUT("Output schema"),
    POLICY("Policy"),
    DRIFT("Drift");

    private final String title;

    Category(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  private final String id;
  private final Category category;
  private final Severity severity;
  private final boolean breaking;
  private final String title;
  private final String explanation;
  private final String severityNote;

  ChangeRule(
      String id, Category category, Severity severity, boolean breaking, String title, String explanation,
      String severityNote) {
    this.id = id;
    this.category = category;
    this.severity = severity;
    this.breaking = breaking;
    this.title = title;
    this.explanation = explanation;
    this.severityNote = severityNote;
  }

  /** The stable rule id, e.g. {@code input-added-required}. */
  public String id() {
    return id;
  }

  public Category category() {
    return category;
  }

  /** The severity a change of this rule gets unless its context raises or lowers it. */
  public Severity defaultSeverity() {
    return severity;
  }

  /** Whether existing callers (agents, prompts, clients) break. */
  public boolean breaking() {
    return breaking;
  }

  public String title() {
    return title;
  }

  public String explanation() {
    return explanation;
  }

  /** How context changes the severity, or null when it is always the default. */
  public String severityNote() {
    return severityNote;
  }

  public static Optional<ChangeRule> byId(String id) {
    return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
  }

  /**
   * The rule table of the documentation (GitHub-flavoured Markdown), one row per rule in catalog order. The site page
   * {@code diff.md} contains exactly this text between its {@code rules-table} markers.
   */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder();
    table.append("| Rule id | Area | Default severity | Breaking | Meaning |\n");
    table.append("| --- | --- | --- | --- | --- |\n");
    for (ChangeRule rule : values()) {
      String severity = rule.severity.wireName() + (rule.severityNote == null ? "" : " (" + rule.severityNote + ")");
      table.append("| `").append(rule.id).append("` | ").append(rule.category.title()).append(" | ")
          .append(severity).append(" | ").append(rule.breaking ? "yes" : "no").append(" | ")
          .append(rule.title).append(": ").append(escape(rule.explanation)).append(" |\n");
    }
    return table.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
  }
}
