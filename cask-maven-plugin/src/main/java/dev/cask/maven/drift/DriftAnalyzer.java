package dev.cask.maven.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.maven.diff.ApprovedState;
import dev.cask.maven.diff.ApprovedTool;
import dev.cask.maven.diff.Change;
import dev.cask.maven.diff.ChangeRule;
import dev.cask.maven.diff.SchemaRules;
import dev.cask.maven.diff.Severity;
import dev.cask.maven.diff.ToolComparer;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolStatus;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.maven.diff.ToolpackSnapshot;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.capture.Capture;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.Response;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.capture.SourceKind;
import dev.cask.runtime.model.toolpack.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code cask:drift}: a new capture (HAR, OTLP or a spec, through the same importers as compile) against the approved
 * baseline toolpack (its {@code tools.json} says what is approved, its {@code capture.json} how each approved operation
 * looked). Reports shadow endpoints, approved operations not seen, request and response schema changes at any depth,
 * new status codes, authentication changes and new hosts, with the same rules, severities and report formats as diff.
 *
 * <p>A spec declares everything, so a field it no longer lists is a removed field. Traffic shows only what happened:
 * a field not seen is not a removed field, enums and limits are never inferred, and an {@code integer} seen where a
 * {@code number} is declared is no contradiction; {@link SchemaRules.Evidence#OBSERVED} encodes exactly that.
 *
 * <p>With a signed lockfile, "approved" means what the gate's verifier accepted from it ({@link ApprovedState}, built
 * by {@link dev.cask.maven.diff.LockfileApprovals}): only tools whose signatures hold over exactly the baseline's
 * definition. A toolpack tool without such an approval, or a blocked one, that shows up in the capture is a shadow
 * endpoint; an unapproved tool that does not show up is not "approved but not seen". Without a lockfile the whole
 * baseline toolpack counts as approved.
 */
public final class DriftAnalyzer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DriftAnalyzer() {}

  /** Drift against a baseline toolpack taken as approved as a whole (no lockfile). */
  public static ToolpackDiff analyze(ToolpackSnapshot baseline, Capture observed, String observedLabel, Severity threshold) {
    return analyze(baseline, null, observed, observedLabel, threshold);
  }

  /**
   * Drift against what the lockfile approves of the baseline toolpack.
   *
   * @param approvals the verified approvals ({@link dev.cask.maven.diff.LockfileApprovals}), or null to take every
   *     baseline tool as approved
   */
  public static ToolpackDiff analyze(
      ToolpackSnapshot baseline, ApprovedState approvals, Capture observed, String observedLabel, Severity threshold) {
    if (baseline.capture() == null) {
      throw new CaskException(baseline.label(), null, "has no capture.json, so the approved request and response shapes are unknown",
          "use the toolpack directory (target/cask) or the toolpack zip as the drift baseline: both contain capture.json");
    }
    SchemaRules.Evidence evidence = observed.sources().stream().allMatch(s -> s.kind() == SourceKind.OPENAPI) && !observed.sources().isEmpty()
        ? SchemaRules.Evidence.DECLARED : SchemaRules.Evidence.OBSERVED;
    Map<String, Tool> inToolpack = new TreeMap<>();
    baseline.tools().tools().forEach(tool -> inToolpack.put(tool.definition().operation().id(), tool));
    Map<String, Tool> approved = new TreeMap<>(inToolpack);
    if (approvals != null) {
      approved.keySet().removeIf(operation -> !approvedInLockfile(approvals.tools().get(operation), inToolpack.get(operation)));
    }
    Map<String, CapturedOperation> declared = new TreeMap<>();
    baseline.capture().operations().forEach(op -> declared.put(op.key().id(), op));
    Map<String, CapturedOperation> seen = new TreeMap<>();
    observed.operations().forEach(op -> seen.put(op.key().id(), op));

    List<ToolDiff> tools = new ArrayList<>();
    for (Map.Entry<String, CapturedOperation> entry : seen.entrySet()) {
      CapturedOperation now = entry.getValue();
      Tool tool = approved.get(entry.getKey());
      if (tool == null) {
        Change change = Change.of(ChangeRule.SHADOW_ENDPOINT, "", now.key().toString(),
                evidenceText(now) + notApprovedText(approvals, inToolpack.get(entry.getKey()), entry.getKey()))
            .forTool(entry.getKey(), entry.getKey());
        tools.add(new ToolDiff(entry.getKey(), null, entry.getKey(), ToolStatus.ADDED, null, null, null,
            now.origin().source(), now.origin().locator(), List.of(change)));
        continue;
      }
      CapturedOperation was = declared.get(entry.getKey());
      List<Change> changes = was == null ? List.of() : compare(was, baseline.capture(), now, observed, evidence);
      String name = tool.name();
      tools.add(new ToolDiff(name, null, entry.getKey(), changes.isEmpty() ? ToolStatus.UNCHANGED : ToolStatus.CHANGED,
          tool.definition().risk().tier(), tool.digest(), tool.digest(), now.origin().source(), now.origin().locator(),
          changes.stream().map(c -> c.forTool(name, entry.getKey())).toList()));
    }
    for (Map.Entry<String, Tool> entry : approved.entrySet()) {
      if (!seen.containsKey(entry.getKey())) {
        Tool tool = entry.getValue();
        Change change = Change.of(ChangeRule.APPROVED_NOT_SEEN, "", tool.name(), entry.getKey())
            .forTool(tool.name(), entry.getKey());
        if (evidence == SchemaRules.Evidence.DECLARED) {
          change = change.withSeverity(Severity.MEDIUM);
        }
        tools.add(new ToolDiff(tool.name(), null, entry.getKey(), ToolStatus.REMOVED, tool.definition().risk().tier(),
            null, tool.digest(), null, null, List.of(change)));
      }
    }
    return new ToolpackDiff(ToolpackDiff.Kind.DRIFT, baseline.tools().toolpack(), baseline.label(), observedLabel,
        threshold, tools, newHosts(approved.values(), observed));
  }

  /** Approved means: a valid, unblocked approval whose signers vouch for exactly the baseline's definition. */
  private static boolean approvedInLockfile(ApprovedTool entry, Tool tool) {
    return entry != null && !entry.blocked() && !entry.signers().isEmpty() && entry.digest().equals(tool.digest());
  }

  /** Why an operation the baseline toolpack has is still a shadow endpoint: the lockfile does not approve it. */
  private static String notApprovedText(ApprovedState approvals, Tool tool, String operation) {
    ApprovedTool entry = approvals == null ? null : approvals.tools().get(operation);
    if (entry != null && entry.blocked()) {
      return "; tool " + entry.name() + " is blocked in " + approvals.source();
    }
    if (approvals == null || tool == null) {
      return "";
    }
    return "; tool " + tool.name() + " is in the toolpack but not approved in " + approvals.source();
  }

  private static List<Change> compare(
      CapturedOperation was, Capture wasCapture, CapturedOperation now, Capture nowCapture, SchemaRules.Evidence evidence) {
    List<Change> changes = new ArrayList<>();
    compareParameters(was, wasCapture, now, nowCapture, evidence, changes);
    Optional<JsonNode> bodyBefore = jsonSchema(was.requestBody() == null ? List.of() : was.requestBody().contents());
    Optional<JsonNode> bodyAfter = jsonSchema(now.requestBody() == null ? List.of() : now.requestBody().contents());
    if (bodyBefore.isPresent() && bodyAfter.isPresent()) {
      changes.addAll(SchemaRules.compare(SchemaRules.Side.INPUT, evidence, rooted(bodyBefore.get(), wasCapture),
          rooted(bodyAfter.get(), nowCapture), "/requestBody"));
    } else if (bodyBefore.isEmpty() && bodyAfter.isPresent()) {
      changes.add(Change.of(evidence == SchemaRules.Evidence.DECLARED ? ChangeRule.INPUT_ADDED_OPTIONAL : ChangeRule.UNDOCUMENTED_INPUT,
          "/requestBody", "body", "a JSON request body"));
    }
    compareResponses(was, wasCapture, now, nowCapture, evidence, changes);
    compareSecurity(was, wasCapture, now, nowCapture, evidence, changes);
    // What the agent will read, where the new capture declares it (a spec, a page's WebMCP tool): traffic has none.
    if (evidence == SchemaRules.Evidence.DECLARED || now.method() == HttpMethod.WEBMCP) {
      ToolComparer.compareDescription(
          Objects.toString(was.description(), ""), Objects.toString(now.description(), ""), changes);
    }
    return changes;
  }

  private static void compareParameters(
      CapturedOperation was, Capture wasCapture, CapturedOperation now, Capture nowCapture, SchemaRules.Evidence evidence,
      List<Change> changes) {
    Map<String, Parameter> before = parameters(was);
    Map<String, Parameter> after = parameters(now);
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      Parameter old = before.get(key);
      Parameter seen = after.get(key);
      String pointer = "/parameters/" + key;
      String subject = key.replace('/', ' ');
      if (old == null) {
        ChangeRule rule = evidence == SchemaRules.Evidence.OBSERVED ? ChangeRule.UNDOCUMENTED_INPUT
            : seen.required() ? ChangeRule.INPUT_ADDED_REQUIRED : ChangeRule.INPUT_ADDED_OPTIONAL;
        changes.add(Change.of(rule, pointer, subject, seen.in().wireName() + " parameter"));
      } else if (seen == null) {
        if (evidence == SchemaRules.Evidence.DECLARED) {
          changes.add(Change.of(ChangeRule.INPUT_REMOVED, pointer, subject, old.in().wireName() + " parameter"));
        } else if (old.required()) {
          changes.add(Change.of(ChangeRule.INPUT_BECAME_OPTIONAL, pointer, subject, "a required parameter was not sent"));
        }
      } else {
        if (old.required() && !seen.required()) {
          changes.add(Change.of(ChangeRule.INPUT_BECAME_OPTIONAL, pointer, subject, ""));
        } else if (!old.required() && seen.required() && evidence == SchemaRules.Evidence.DECLARED) {
          changes.add(Change.of(ChangeRule.INPUT_BECAME_REQUIRED, pointer, subject, ""));
        }
        changes.addAll(SchemaRules.compare(SchemaRules.Side.INPUT, evidence, rooted(old.schema(), wasCapture),
            rooted(seen.schema(), nowCapture), pointer + "/schema"));
      }
    }
  }

  private static void compareResponses(
      CapturedOperation was, Capture wasCapture, CapturedOperation now, Capture nowCapture, SchemaRules.Evidence evidence,
      List<Change> changes) {
    Map<String, Response> before = new TreeMap<>();
    was.responses().forEach(r -> before.put(r.status().toUpperCase(Locale.ROOT), r));
    for (Response seen : now.responses()) {
      String status = seen.status().toUpperCase(Locale.ROOT);
      Response old = before.get(status);
      String pointer = "/responses/" + status;
      if (old == null) {
        boolean covered = before.containsKey(status.charAt(0) + "XX") || before.containsKey("DEFAULT");
        if (!covered) {
          changes.add(Change.of(ChangeRule.NEW_STATUS_CODE, pointer, status,
              "approved: " + String.join(", ", before.keySet())));
        }
        continue;
      }
      Optional<JsonNode> schemaBefore = jsonSchema(old.contents());
      Optional<JsonNode> schemaAfter = jsonSchema(seen.contents());
      if (schemaBefore.isPresent() && schemaAfter.isPresent()) {
        changes.addAll(SchemaRules.compare(SchemaRules.Side.OUTPUT, evidence, rooted(schemaBefore.get(), wasCapture),
            rooted(schemaAfter.get(), nowCapture), pointer));
      }
    }
  }

  /** Authentication compares by what the schemes are (type, scheme, location, name), not by their names in a file. */
  private static void compareSecurity(
      CapturedOperation was, Capture wasCapture, CapturedOperation now, Capture nowCapture, SchemaRules.Evidence evidence,
      List<Change> changes) {
    Set<String> before = schemes(was, wasCapture.securitySchemes());
    Set<String> after = schemes(now, nowCapture.securitySchemes());
    if (!before.equals(after)) {
      changes.add(Change.of(ChangeRule.AUTH_SCHEME_CHANGED, "/security", "security",
              describe(before) + " → " + describe(after))
          .withValues(String.join(", ", before), String.join(", ", after)));
    }
  }

  private static Set<String> schemes(CapturedOperation operation, SortedMap<String, SecurityScheme> definitions) {
    Set<String> schemes = new TreeSet<>();
    operation.security().forEach(requirement -> requirement.schemes().keySet().forEach(name -> {
      SecurityScheme scheme = definitions.get(name);
      schemes.add(scheme == null ? name
          : scheme.type() + (scheme.scheme() == null ? "" : " " + scheme.scheme().toLowerCase(Locale.ROOT))
              + (scheme.in() == null ? "" : " in " + scheme.in()) + (scheme.name() == null ? "" : " " + scheme.name()));
    }));
    return schemes;
  }

  private static String describe(Set<String> schemes) {
    return schemes.isEmpty() ? "no authentication" : String.join(" | ", schemes);
  }

  private static List<Change> newHosts(java.util.Collection<Tool> approved, Capture observed) {
    Set<String> known = new TreeSet<>();
    approved.forEach(tool -> known.add(tool.definition().host()));
    SortedMap<String, Integer> hosts = new TreeMap<>();
    observed.operations().forEach(op -> {
      if (!known.contains(op.key().host())) {
        hosts.merge(op.key().host(), 1, Integer::sum);
      }
    });
    List<Change> changes = new ArrayList<>();
    hosts.forEach((host, count) -> changes.add(Change.of(ChangeRule.NEW_UPSTREAM_HOST, "", host,
        count + (count == 1 ? " operation" : " operations") + " seen")));
    return changes;
  }

  private static Map<String, Parameter> parameters(CapturedOperation operation) {
    Map<String, Parameter> parameters = new TreeMap<>();
    for (Parameter parameter : operation.parameters()) {
      String name = parameter.in() == dev.cask.runtime.model.ParameterLocation.HEADER
          ? parameter.name().toLowerCase(Locale.ROOT) : parameter.name();
      parameters.put(parameter.in().wireName() + "/" + name.replace("~", "~0").replace("/", "~1"), parameter);
    }
    return parameters;
  }

  private static Optional<JsonNode> jsonSchema(List<MediaContent> contents) {
    return contents.stream()
        .filter(content -> content.schema() != null && content.mediaType().toLowerCase(Locale.ROOT).contains("json"))
        .map(MediaContent::schema)
        .findFirst();
  }

  /** The schema with the capture's shared schemas as {@code $defs}, so that {@code #/$defs/Name} resolves. */
  private static JsonNode rooted(JsonNode schema, Capture capture) {
    if (!schema.isObject() || capture.schemas().isEmpty() || schema.has("$defs")) {
      return schema;
    }
    ObjectNode root = ((ObjectNode) schema).deepCopy();
    ObjectNode defs = root.putObject("$defs");
    capture.schemas().forEach(defs::set);
    return root;
  }

  private static String evidenceText(CapturedOperation operation) {
    if (operation.evidence() == null) {
      return "declared at " + operation.origin();
    }
    return operation.evidence().observedCount() + " call(s), statuses "
        + String.join(", ", operation.evidence().statuses().keySet());
  }
}
