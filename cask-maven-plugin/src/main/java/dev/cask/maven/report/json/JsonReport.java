package dev.cask.maven.report.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolStatus;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.WordDiff;
import dev.cask.runtime.json.CaskFiles;
import java.util.Map;

/**
 * {@code diff.json} / {@code drift.json}: the whole result for machines, in a documented, versioned format (JSON Schema
 * {@value #SCHEMA_RESOURCE}, described on the site page "diff"). Fields are only ever added within a format version.
 */
public final class JsonReport {
  public static final int FORMAT_VERSION = 1;
  public static final String SCHEMA_RESOURCE = "/dev/cask/maven/report/json/change-report.schema.json";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonReport() {}

  public static ObjectNode tree(ToolpackDiff diff) {
    ObjectNode root = JSON.objectNode();
    root.put("format", "cask-" + diff.kind().fileStem());
    root.put("formatVersion", FORMAT_VERSION);
    root.put("toolpack", diff.toolpack());
    root.put("baseline", diff.baseline());
    root.put("current", diff.current());
    if (diff.threshold() == null) {
      root.putNull("threshold");
    } else {
      root.put("threshold", diff.threshold().wireName());
    }
    ObjectNode verdict = root.putObject("verdict");
    verdict.put("failed", diff.failed());
    verdict.put("failing", diff.failing().size());
    ObjectNode summary = root.putObject("summary");
    ObjectNode tools = summary.putObject("tools");
    for (ToolStatus status : ToolStatus.values()) {
      tools.put(status.wireName(), diff.count(status));
    }
    counts(summary.putObject("unapproved"), diff.countBySeverity(false));
    counts(summary.putObject("accepted"), diff.countBySeverity(true));
    ArrayNode toolpackChanges = root.putArray("toolpackChanges");
    diff.toolpackChanges().forEach(change -> toolpackChanges.add(change(change, diff)));
    ArrayNode toolArray = root.putArray("tools");
    for (ToolDiff tool : diff.tools()) {
      ObjectNode node = toolArray.addObject();
      node.put("name", tool.name());
      putNullable(node, "previousName", tool.previousName());
      putNullable(node, "operation", tool.operation());
      node.put("status", tool.status().wireName());
      putNullable(node, "risk", tool.risk() == null ? null : tool.risk().wireName());
      putNullable(node, "digest", tool.digest());
      putNullable(node, "baselineDigest", tool.baselineDigest());
      putNullable(node, "source", tool.source());
      putNullable(node, "sourcePointer", tool.sourcePointer());
      ArrayNode changes = node.putArray("changes");
      tool.changes().forEach(change -> changes.add(change(change, diff)));
    }
    return root;
  }

  public static byte[] render(ToolpackDiff diff) {
    return CaskFiles.prettyJson(tree(diff));
  }

  private static ObjectNode change(Change change, ToolpackDiff diff) {
    ObjectNode node = JSON.objectNode();
    node.put("rule", change.rule().id());
    node.put("severity", change.severity().wireName());
    node.put("breaking", change.rule().breaking());
    node.put("title", change.rule().title());
    node.put("pointer", change.pointer());
    node.put("subject", change.subject());
    node.put("detail", change.detail());
    putNullable(node, "before", change.before());
    putNullable(node, "after", change.after());
    if (change.words() == null) {
      node.putNull("words");
    } else {
      ArrayNode words = node.putArray("words");
      for (WordDiff.Segment segment : change.words().segments()) {
        words.addObject().put("kind", segment.kind().name().toLowerCase(java.util.Locale.ROOT)).put("text", segment.text());
      }
    }
    if (change.acceptance() == null) {
      node.putNull("accepted");
    } else {
      ObjectNode accepted = node.putObject("accepted");
      ArrayNode signers = accepted.putArray("signers");
      change.acceptance().signers().forEach(signers::add);
      accepted.put("source", change.acceptance().source());
    }
    node.put("fails", change.fails(diff.threshold()));
    return node;
  }

  private static void counts(ObjectNode node, Map<Severity, Integer> counts) {
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      node.put(severity.wireName(), counts.get(severity));
    }
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
