package dev.cask.maven.report.sarif;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.report.ReportContext;
import dev.cask.maven.report.Wording;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.text.ControlCharacters;
import java.util.Locale;

/**
 * {@code diff.sarif}: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Every catalog rule is listed with
 * its metadata; each change is a result with a level (critical and high: error, medium: warning, low and info: note),
 * GitHub's {@code security-severity}, a location in the tool's source document (or the lockfile), a logical location
 * naming the tool, and a stable fingerprint so that a change keeps its identity across runs. Accepted changes carry an
 * external, accepted suppression naming the signers.
 */
public final class SarifReport {
  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String INFORMATION_URI = "https://github.com/cask-dev/cask";
  public static final String SRCROOT = "%SRCROOT%";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SarifReport() {}

  public static byte[] render(ToolpackDiff diff, ReportContext context) {
    return CaskFiles.prettyJson(tree(diff, context));
  }

  public static ObjectNode tree(ToolpackDiff diff, ReportContext context) {
    ObjectNode log = JSON.objectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Cask");
    driver.put("informationUri", INFORMATION_URI);
    if (context.version() != null) {
      driver.put("version", context.version());
    }
    ArrayNode rules = driver.putArray("rules");
    for (ChangeRule rule : ChangeRule.values()) {
      rules.add(rule(rule));
    }
    run.putObject("automationDetails").put("id", "cask/" + diff.kind().fileStem() + "/" + diff.toolpack() + "/");
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", "./");
    ArrayNode results = run.putArray("results");
    for (Change change : diff.toolpackChanges()) {
      results.add(result(change, null, diff, context));
    }
    for (ToolDiff tool : diff.tools()) {
      for (Change change : tool.changes()) {
        results.add(result(change, tool, diff, context));
      }
    }
    run.put("columnKind", "unicodeCodePoints");
    return log;
  }

  private static ObjectNode rule(ChangeRule rule) {
    ObjectNode node = JSON.objectNode();
    node.put("id", rule.id());
    node.put("name", camel(rule.id()));
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.explanation()
        + (rule.severityNote() == null ? "" : " Severity: " + rule.defaultSeverity().wireName() + ", " + rule.severityNote() + "."));
    node.put("helpUri", INFORMATION_URI + "/blob/main/src/site/markdown/diff.md#rules");
    node.putObject("help").put("text", rule.title() + ": " + rule.explanation());
    node.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
    ObjectNode properties = node.putObject("properties");
    ArrayNode tags = properties.putArray("tags");
    tags.add("security");
    tags.add("cask");
    tags.add(rule.category().name().toLowerCase(Locale.ROOT));
    if (rule.breaking()) {
      tags.add("breaking");
    }
    properties.put("security-severity", securitySeverity(rule.defaultSeverity()));
    properties.put("precision", "very-high");
    return node;
  }

  private static ObjectNode result(Change change, ToolDiff tool, ToolpackDiff diff, ReportContext context) {
    ObjectNode result = JSON.objectNode();
    result.put("ruleId", change.rule().id());
    result.put("ruleIndex", change.rule().ordinal());
    result.put("level", level(change.severity()));
    String where = tool == null ? Wording.TOOLPACK_ROW : tool.name();
    result.putObject("message").put("text", Wording.upper(change.severity().wireName()) + " " + where + ": "
        + ControlCharacters.escape(Wording.sentence(change)) + " [" + Wording.approval(change) + "]");
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    String uri = tool != null && tool.source() != null ? tool.source() : context.fallbackUri();
    ObjectNode artifact = physical.putObject("artifactLocation");
    artifact.put("uri", uri);
    artifact.put("uriBaseId", SRCROOT);
    Integer line = tool == null ? null : context.line(tool.source(), tool.sourcePointer());
    physical.putObject("region").put("startLine", line == null ? 1 : line);
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    logical.put("name", where);
    logical.put("fullyQualifiedName", diff.toolpack() + "/" + where
        + (change.pointer().isEmpty() ? "" : "#" + ControlCharacters.escape(change.pointer())));
    logical.put("kind", tool == null ? "module" : "function");
    result.putObject("partialFingerprints").put("caskChange/v1", fingerprint(change, diff));
    ObjectNode properties = result.putObject("properties");
    properties.put("severity", change.severity().wireName());
    properties.put("security-severity", securitySeverity(change.severity()));
    properties.put("tool", where);
    if (change.operation() != null) {
      properties.put("operation", change.operation());
    }
    properties.put("pointer", ControlCharacters.escape(change.pointer()));
    properties.put("breaking", change.rule().breaking());
    properties.put("fails", change.fails(diff.threshold()));
    if (change.isAccepted()) {
      ObjectNode suppression = result.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      suppression.put("justification", "approved by " + change.acceptance().signerText() + " in " + change.acceptance().source());
    }
    return result;
  }

  /** Stable across runs and machines: rule, toolpack, tool identity, place and subject; never a line number. */
  private static String fingerprint(Change change, ToolpackDiff diff) {
    String identity = String.join("\u0000", change.rule().id(), diff.toolpack(),
        change.operation() == null ? "" : change.operation(), change.tool() == null ? "" : change.tool(),
        change.pointer(), change.subject());
    return CanonicalJson.sha256Hex(identity).substring(0, 32);
  }

  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub maps 9.0+ to critical, 7.0+ to high, 4.0+ to medium, above 0 to low. */
  static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.5";
    };
  }

  private static String camel(String id) {
    StringBuilder name = new StringBuilder();
    for (String part : id.split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }
}
