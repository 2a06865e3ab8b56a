package dev.cask.maven.diff;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.GraphQlBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two definitions of the same tool (same operation, or same name when the operation moved) field by field.
 * Every field of {@link ToolDefinition} is covered by at least one rule, so two definitions with different digests
 * always give at least one change.
 */
public final class ToolComparer {
  private ToolComparer() {}

  static List<Change> compare(ToolDefinition before, ToolDefinition after) {
    List<Change> changes = new ArrayList<>();
    if (!before.name().equals(after.name())) {
      changes.add(Change.of(ChangeRule.TOOL_RENAMED, "/name", before.name() + " → " + after.name(), "")
          .withValues(before.name(), after.name()));
    }
    compareTarget(before, after, changes);
    compareRisk(before, after, changes);
    compareAnnotations(before.annotations(), after.annotations(), changes);
    compareDescription(before.description(), after.description(), changes);
    if (before.deprecated() != after.deprecated()) {
      changes.add(Change.of(ChangeRule.DEPRECATION_CHANGED, "/deprecated", "deprecated",
          after.deprecated() ? "now deprecated" : "no longer deprecated"));
    }
    String securityBefore = json(before.security());
    String securityAfter = json(after.security());
    if (!securityBefore.equals(securityAfter)) {
      changes.add(Change.of(ChangeRule.SECURITY_CHANGED, "/security", "security", securityBefore + " → " + securityAfter)
          .withValues(securityBefore, securityAfter));
    }
    changes.addAll(SchemaRules.compare(SchemaRules.Side.INPUT, SchemaRules.Evidence.DECLARED, before.inputSchema(), after.inputSchema()));
    compareOutput(before, after, changes);
    compareBinding(before, after, changes);
    return changes;
  }

  private static void compareTarget(ToolDefinition before, ToolDefinition after, List<Change> changes) {
    OperationKey from = before.operation();
    OperationKey to = after.operation();
    if (from.method() != to.method()) {
      changes.add(Change.of(ChangeRule.METHOD_CHANGED, "/method", "method", from.method() + " → " + to.method())
          .withValues(from.method().name(), to.method().name()));
    }
    if (!from.host().equals(to.host())) {
      changes.add(Change.of(ChangeRule.HOST_CHANGED, "/baseUrl", "host", from.host() + " → " + to.host())
          .withValues(from.host(), to.host()));
    }
    if (!from.normalizedPath().equals(to.normalizedPath())) {
      changes.add(Change.of(ChangeRule.PATH_CHANGED, "/path", "path", from.pathTemplate() + " → " + to.pathTemplate())
          .withValues(from.pathTemplate(), to.pathTemplate()));
    }
    if (!before.baseUrl().equals(after.baseUrl()) && from.host().equals(to.host())) {
      Change change = Change.of(ChangeRule.BASE_URL_CHANGED, "/baseUrl", "baseUrl", before.baseUrl() + " → " + after.baseUrl())
          .withValues(before.baseUrl(), after.baseUrl());
      boolean leftHttps = "https".equalsIgnoreCase(URI.create(before.baseUrl()).getScheme())
          && !"https".equalsIgnoreCase(URI.create(after.baseUrl()).getScheme());
      changes.add(leftHttps ? change.withSeverity(Severity.HIGH) : change);
    }
  }

  private static void compareRisk(ToolDefinition before, ToolDefinition after, List<Change> changes) {
    RiskTier from = before.risk().tier();
    RiskTier to = after.risk().tier();
    if (from != to) {
      ChangeRule rule = to.compareTo(from) > 0 ? ChangeRule.RISK_RAISED : ChangeRule.RISK_LOWERED;
      changes.add(Change.of(rule, "/risk/tier", "risk", from.wireName() + " → " + to.wireName())
          .withValues(String.join("; ", before.risk().reasons()), String.join("; ", after.risk().reasons())));
    }
    if (!new TreeSet<>(before.risk().reasons()).equals(new TreeSet<>(after.risk().reasons()))) {
      TreeSet<String> added = new TreeSet<>(after.risk().reasons());
      added.removeAll(before.risk().reasons());
      TreeSet<String> removed = new TreeSet<>(before.risk().reasons());
      removed.removeAll(after.risk().reasons());
      String detail = (added.isEmpty() ? "" : "added: " + String.join("; ", added))
          + (added.isEmpty() || removed.isEmpty() ? "" : " / ")
          + (removed.isEmpty() ? "" : "removed: " + String.join("; ", removed));
      changes.add(Change.of(ChangeRule.RISK_REASONS_CHANGED, "/risk/reasons", "risk reasons", detail)
          .withValues(String.join("; ", before.risk().reasons()), String.join("; ", after.risk().reasons())));
    }
  }

  private static void compareAnnotations(ToolAnnotations before, ToolAnnotations after, List<Change> changes) {
    if (!Objects.equals(before.title(), after.title())) {
      changes.add(Change.of(ChangeRule.ANNOTATIONS_CHANGED, "/annotations/title", "title",
              quote(before.title()) + " → " + quote(after.title()))
          .withSeverity(Severity.LOW).withValues(before.title(), after.title()));
    }
    Map<String, boolean[]> hints = new TreeMap<>();
    hints.put("destructiveHint", new boolean[] {before.destructiveHint(), after.destructiveHint()});
    hints.put("idempotentHint", new boolean[] {before.idempotentHint(), after.idempotentHint()});
    hints.put("openWorldHint", new boolean[] {before.openWorldHint(), after.openWorldHint()});
    hints.put("readOnlyHint", new boolean[] {before.readOnlyHint(), after.readOnlyHint()});
    hints.forEach((hint, values) -> {
      if (values[0] != values[1]) {
        changes.add(Change.of(ChangeRule.ANNOTATIONS_CHANGED, "/annotations/" + hint, hint, values[0] + " → " + values[1])
            .withValues(String.valueOf(values[0]), String.valueOf(values[1])));
      }
    });
  }

  /** A changed description, and any instruction-like text it introduces (tool poisoning). */
  public static void compareDescription(String before, String after, List<Change> changes) {
    if (before.equals(after)) {
      return;
    }
    WordDiff words = WordDiff.of(before, after);
    changes.add(Change.of(ChangeRule.DESCRIPTION_CHANGED, "/description", "description", "")
        .withValues(before, after).withWords(words));
    List<String> markers = PromptInjectionMarkers.introduced(before, after);
    if (!markers.isEmpty()) {
      changes.add(Change.of(ChangeRule.DESCRIPTION_INSTRUCTION, "/description", "description", String.join("; ", markers))
          .withValues(before, after));
    }
  }

  private static void compareOutput(ToolDefinition before, ToolDefinition after, List<Change> changes) {
    if (before.outputSchema() == null && after.outputSchema() == null) {
      return;
    }
    if (before.outputSchema() == null) {
      changes.add(Change.of(ChangeRule.OUTPUT_SCHEMA_ADDED, "/outputSchema", "output", "")
          .withValues(null, json(after.outputSchema())));
    } else if (after.outputSchema() == null) {
      changes.add(Change.of(ChangeRule.OUTPUT_SCHEMA_REMOVED, "/outputSchema", "output", "")
          .withValues(json(before.outputSchema()), null));
    } else {
      changes.addAll(SchemaRules.compare(SchemaRules.Side.OUTPUT, SchemaRules.Evidence.DECLARED, before.outputSchema(), after.outputSchema()));
    }
  }

  private static void compareBinding(ToolDefinition beforeTool, ToolDefinition afterTool, List<Change> changes) {
    RequestBinding before = beforeTool.binding();
    RequestBinding after = afterTool.binding();
    Map<String, ArgumentBinding> old = new TreeMap<>();
    before.arguments().forEach(argument -> old.put(argument.argument(), argument));
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < after.arguments().size(); i++) {
      index.put(after.arguments().get(i).argument(), i);
    }
    for (ArgumentBinding now : after.arguments()) {
      String pointer = "/binding/arguments/" + index.get(now.argument());
      ArgumentBinding was = old.get(now.argument());
      if (was == null) {
        if (hasBodyProperty(beforeTool, now.argument())) {
          changes.add(moved(now.argument(), pointer + "/in", "body", now.in().wireName()));
        }
        continue;
      }
      if (was.in() != now.in()) {
        changes.add(moved(now.argument(), pointer + "/in", was.in().wireName(), now.in().wireName()));
      }
      if (!was.name().equals(now.name())) {
        changes.add(bindingChange(now.argument(), pointer + "/name", "wire name " + quote(was.name()) + " → " + quote(now.name())));
      }
      if (!Objects.equals(was.style(), now.style()) || !Objects.equals(was.explode(), now.explode())) {
        changes.add(bindingChange(now.argument(), pointer + "/style",
            "serialization " + was.style() + "/" + was.explode() + " → " + now.style() + "/" + now.explode()));
      }
    }
    for (ArgumentBinding was : before.arguments()) {
      if (!index.containsKey(was.argument()) && hasBodyProperty(afterTool, was.argument())) {
        changes.add(moved(was.argument(), "/binding/body", was.in().wireName(), "body"));
      }
    }
    List<String> oldOrder = before.arguments().stream().map(ArgumentBinding::argument).filter(index::containsKey).toList();
    List<String> newOrder = after.arguments().stream().map(ArgumentBinding::argument).filter(old::containsKey).toList();
    if (!oldOrder.equals(newOrder)) {
      changes.add(bindingChange("arguments", "/binding/arguments", "argument order " + oldOrder + " → " + newOrder));
    }
    BodyBinding bodyBefore = before.body();
    BodyBinding bodyAfter = after.body();
    if (bodyBefore != null && bodyAfter != null) {
      if (!bodyBefore.mediaType().equals(bodyAfter.mediaType())) {
        changes.add(bindingChange(bodyAfter.argument(), "/binding/body/mediaType",
            "media type " + bodyBefore.mediaType() + " → " + bodyAfter.mediaType()));
      }
      if (!bodyBefore.argument().equals(bodyAfter.argument())) {
        changes.add(bindingChange(bodyAfter.argument(), "/binding/body/argument",
            "body argument " + quote(bodyBefore.argument()) + " → " + quote(bodyAfter.argument())));
      }
    } else if (bodyBefore != null || bodyAfter != null) {
      changes.add(bindingChange("body", "/binding/body",
          bodyAfter == null ? "no request body any more" : "now sends a " + bodyAfter.mediaType() + " body"));
    }
    compareGraphQl(before.graphql(), after.graphql(), changes);
  }

  /** The fixed GraphQL document is what the upstream runs: any change of it is shown whole, before and after. */
  private static void compareGraphQl(GraphQlBinding before, GraphQlBinding after, List<Change> changes) {
    if (Objects.equals(before, after)) {
      return;
    }
    String was = before == null ? null : before.operationType() + " " + before.variables() + "\n" + before.document();
    String now = after == null ? null : after.operationType() + " " + after.variables() + "\n" + after.document();
    String detail = before == null ? "now a GraphQL " + after.operationType()
        : after == null ? "no longer a GraphQL operation"
        : !before.document().equals(after.document()) ? "the document changed" : "its type or variables changed";
    changes.add(Change.of(ChangeRule.GRAPHQL_DOCUMENT_CHANGED, "/binding/graphql", "graphql", detail).withValues(was, now));
  }

  private static boolean hasBodyProperty(ToolDefinition tool, String argument) {
    BodyBinding body = tool.binding().body();
    return body != null
        && !tool.inputSchema().at("/properties/" + SchemaComparer.escape(body.argument()) + "/properties/"
            + SchemaComparer.escape(argument)).isMissingNode();
  }

  private static Change moved(String argument, String pointer, String from, String to) {
    return Change.of(ChangeRule.INPUT_MOVED, pointer, argument, from + " → " + to).withValues(from, to);
  }

  private static Change bindingChange(String argument, String pointer, String detail) {
    return Change.of(ChangeRule.INPUT_BINDING_CHANGED, pointer, argument, detail);
  }

  private static String quote(String text) {
    return text == null ? "(none)" : "'" + text + "'";
  }

  static String json(Object value) {
    return new String(CanonicalJson.canonicalBytes(value), StandardCharsets.UTF_8);
  }

  static Severity addedSeverity(RiskTier tier) {
    return switch (tier) {
      case READ -> Severity.MEDIUM;
      case WRITE, DESTRUCTIVE -> Severity.HIGH;
      case SENSITIVE -> Severity.CRITICAL;
    };
  }

  static String target(ToolDefinition tool) {
    return tool.operation().toString();
  }
}
