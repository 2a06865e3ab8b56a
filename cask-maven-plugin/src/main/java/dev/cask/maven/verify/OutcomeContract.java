package dev.cask.maven.verify;

import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.replay.CallResult;
import dev.cask.runtime.replay.GovernedCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Outcome: approved tools called with the arguments of their recorded calls through the runtime's real pipeline
 * ({@link GovernedCalls}), against the replay upstream (or, live, a staging server). A call holds when the pipeline
 * lets it through, the upstream's status is in the recorded status's class, and a successful JSON response becomes
 * the tool's structured result (the pipeline refuses one its output schema does not accept). Against the replay
 * upstream every call runs twice and must give byte-identical results (replay parity). The policy still decides:
 * what it denies is reported as skipped, never called around it.
 */
final class OutcomeContract {
  private OutcomeContract() {}

  /**
   * @param tiers the risk tiers to call (live: read only unless more are named); every tier for the replay upstream
   * @param parity whether to run each call twice and compare (replay upstream only)
   */
  static ContractResult run(List<ToolDefinition> approved, RecordedCalls calls, GovernedCalls governed, Set<RiskTier> tiers,
      boolean parity) {
    List<ToolCheck> checks = new ArrayList<>();
    for (ToolDefinition tool : approved) {
      checks.add(check(tool, calls.of(tool.name()), governed, tiers, parity));
    }
    return new ContractResult(Contract.OUTCOME, checks);
  }

  private static ToolCheck check(ToolDefinition tool, List<RecordedCalls.Call> recorded, GovernedCalls governed,
      Set<RiskTier> tiers, boolean parity) {
    List<RecordedCalls.Call> usable = recorded.stream().filter(call -> call.exchange().response().complete()).toList();
    List<String> sources = usable.stream().map(RecordedCalls.Call::source).toList();
    if (usable.isEmpty()) {
      return new ToolCheck(tool.name(), CheckStatus.NO_EVIDENCE,
          recorded.isEmpty() ? "no recorded call" : "no recorded response (bodies that are not JSON are not kept)",
          List.of());
    }
    if (!tiers.contains(tool.risk().tier())) {
      return new ToolCheck(tool.name(), CheckStatus.SKIPPED, "risk tier " + tool.risk().tier().wireName()
          + " is not called live (name it in -Dcask.verify.tiers to call it)", sources);
    }
    for (RecordedCalls.Call call : usable) {
      CallResult result = governed.call(tool.name(), call.arguments());
      Verdict verdict = judge(tool, call, result);
      if (verdict.status() != CheckStatus.PASSED) {
        return new ToolCheck(tool.name(), verdict.status(), call.source() + ": " + verdict.detail(), sources);
      }
      if (parity) {
        CallResult again = governed.call(tool.name(), call.arguments());
        if (!Arrays.equals(result.canonicalBytes(), again.canonicalBytes())) {
          return new ToolCheck(tool.name(), CheckStatus.FAILED, call.source()
              + ": replay parity: the same call twice gave different results (" + result.reasonCode() + " / "
              + again.reasonCode() + ")", sources);
        }
      }
    }
    return new ToolCheck(tool.name(), CheckStatus.PASSED, usable.size() + " call(s) answered as recorded"
        + (parity ? ", each twice with byte-identical results" : ""), sources);
  }

  private record Verdict(CheckStatus status, String detail) {}

  private static Verdict judge(ToolDefinition tool, RecordedCalls.Call call, CallResult result) {
    RecordedExchange.Response recorded = call.exchange().response();
    switch (result.decision()) {
      case "deny" -> {
        return switch (result.reasonCode()) {
          case "policy_deny", "policy_default_deny", "rate_limited", "budget_exhausted" ->
              new Verdict(CheckStatus.SKIPPED, "not called: " + firstLine(result.text()));
          case "invalid_arguments" -> call.arguments().toString().contains("[REDACTED:")
              ? new Verdict(CheckStatus.NO_EVIDENCE, "the recorded arguments are redacted, so the input schema refuses them")
              : new Verdict(CheckStatus.FAILED, "the recorded call's arguments " + call.arguments()
                  + " do not satisfy the approved input schema: " + firstLine(result.text()));
          default -> new Verdict(CheckStatus.FAILED, "the pipeline refused the call: " + firstLine(result.text()));
        };
      }
      case "confirm" -> {
        return new Verdict(CheckStatus.SKIPPED, "waits for a person's confirmation: " + firstLine(result.text()));
      }
      default -> {
        Integer status = result.upstreamStatus();
        if (status == null) {
          return new Verdict(CheckStatus.FAILED, "no upstream status in the result (" + result.reasonCode() + ")");
        }
        if (status / 100 != recorded.status() / 100) {
          return new Verdict(CheckStatus.FAILED, "status " + status + ", recorded " + recorded.status() + ": "
              + firstLine(result.text()));
        }
        boolean success = status / 100 == 2;
        if (success && !result.reasonCode().equals("ok")) {
          return new Verdict(CheckStatus.FAILED, result.reasonCode() + ": " + firstLine(result.text()));
        }
        if (success && tool.outputSchema() != null && recorded.body() != null && result.structuredContent() == null) {
          return new Verdict(CheckStatus.FAILED, "the response did not become structured content matching the output schema");
        }
        return new Verdict(CheckStatus.PASSED, "status " + status + " (" + result.reasonCode() + ")");
      }
    }
  }

  /** The result's first line, for one cell of the report; a colon that introduced the (left out) body goes too. */
  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    if (newline >= 0 && line.endsWith(":")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.length() > 300 ? line.substring(0, 299) + "…" : line;
  }
}
