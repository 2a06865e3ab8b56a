package dev.cask.runtime.repair;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.policy.PolicyEngine;
import dev.cask.runtime.policy.PolicyVerdict;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.VerificationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's verification report ({@code mvn cask:gate-check}'s, made by the same verifier) as a repair reads it: each
 * tool's state by name, the compiled definitions, the policy the toolpack carries and what it does with a tool.
 */
final class GateState {
  private final VerificationReport report;
  private final Map<String, ToolStatus> byName = new LinkedHashMap<>();
  private final Map<String, ToolDefinition> definitions = new LinkedHashMap<>();
  private final Policy policy;
  private final PolicyEngine engine;

  GateState(VerificationReport report) {
    this.report = report;
    for (ToolStatus status : report.tools()) {
      ToolStatus known = byName.get(status.tool());
      if (known == null || rank(status.state()) < rank(known.state())) {
        byName.put(status.tool(), status);
      }
    }
    report.toolpack().ifPresent(toolpack -> toolpack.tools().tools().stream().map(Tool::definition)
        .forEach(definition -> definitions.put(definition.name(), definition)));
    this.policy = report.toolpack().map(toolpack -> toolpack.policy()).orElse(null);
    PolicyEngine compiled = null;
    if (policy != null) {
      try {
        compiled = PolicyEngine.compile(policy);
      } catch (IllegalArgumentException e) {
        compiled = null; // the gate reports the broken policy
      }
    }
    this.engine = compiled;
  }

  /** A tool in the toolpack wins over a lockfile entry of the same name. */
  private static int rank(ToolState state) {
    return state == ToolState.STALE || state == ToolState.BLOCKED ? 1 : 0;
  }

  VerificationReport report() {
    return report;
  }

  Optional<ToolStatus> status(String tool) {
    return Optional.ofNullable(byName.get(tool));
  }

  Optional<ToolDefinition> definition(String tool) {
    return Optional.ofNullable(definitions.get(tool));
  }

  List<ToolDefinition> definitions() {
    return List.copyOf(definitions.values());
  }

  Optional<Policy> policy() {
    return Optional.ofNullable(policy);
  }

  List<Problem> problems() {
    return report.problems();
  }

  String toolpackName() {
    return report.toolpack().map(toolpack -> toolpack.name()).orElse(null);
  }

  /** What the policy does with any call of this tool, when no argument can change it; empty otherwise. */
  Optional<PolicyVerdict> verdict(ToolDefinition tool) {
    return engine == null ? Optional.empty() : engine.forTool(tool).withoutArguments();
  }

  /**
   * A definition standing for an operation that is only in the lockfile (blocked, or gone): what the policy matches on
   * (name, tier, method, host, path) is all it carries.
   */
  static ToolDefinition standIn(ToolStatus status) {
    String operation = status.operation();
    int space = operation.indexOf(' ');
    int slash = operation.indexOf('/', space + 1);
    String method = operation.substring(0, space);
    String host = slash < 0 ? operation.substring(space + 1) : operation.substring(space + 1, slash);
    String path = slash < 0 ? "/" : operation.substring(slash);
    return new ToolDefinition(status.tool(), "", HttpMethod.parse(method), "https://" + host, path,
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object"), null,
        new Risk(status.risk() == null ? RiskTier.SENSITIVE : status.risk(), List.of()),
        new ToolAnnotations(null, false, false, false, true), new RequestBinding(List.of(), null), List.of(), false);
  }
}
