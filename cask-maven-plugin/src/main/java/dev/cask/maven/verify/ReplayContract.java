package dev.cask.maven.verify;

import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.replay.BuiltRequest;
import dev.cask.runtime.replay.ToolRequests;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay: every recorded call belongs to exactly one approved tool, and the runtime's own request builder (the code
 * {@code serve} sends requests with), fed the arguments recovered from the call, reproduces its method, scheme, host,
 * path, query and body. A tool passes when all its recorded calls reproduce; a tool without recorded calls has no
 * evidence; a call no tool covers fails the toolpack.
 */
final class ReplayContract {
  private ReplayContract() {}

  static ContractResult run(List<ToolDefinition> approved, RecordedCalls calls) {
    List<ToolCheck> checks = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    String firstUncovered = null;
    for (RecordedCalls.Call call : calls.all()) {
      if (call.problem() != null) {
        uncovered.add(call.source());
        if (firstUncovered == null) {
          firstUncovered = call.source() + ": " + call.problem();
        }
      }
    }
    if (firstUncovered != null) {
      checks.add(new ToolCheck(ToolCheck.TOOLPACK, CheckStatus.FAILED,
          uncovered.size() + " recorded call(s) belong to no approved tool; first: " + firstUncovered, uncovered));
    }
    for (ToolDefinition tool : approved) {
      checks.add(check(tool, calls.of(tool.name()), calls));
    }
    return new ContractResult(Contract.REPLAY, checks);
  }

  private static ToolCheck check(ToolDefinition tool, List<RecordedCalls.Call> recorded, RecordedCalls calls) {
    if (recorded.isEmpty()) {
      return new ToolCheck(tool.name(), CheckStatus.NO_EVIDENCE, "no recorded call", List.of());
    }
    List<String> sources = recorded.stream().map(RecordedCalls.Call::source).toList();
    ToolRequests requests;
    try {
      requests = ToolRequests.of(tool);
    } catch (IllegalArgumentException e) {
      return new ToolCheck(tool.name(), CheckStatus.FAILED, "the runtime refuses the tool's binding: " + e.getMessage(), sources);
    }
    for (RecordedCalls.Call call : recorded) {
      String difference;
      try {
        BuiltRequest built = requests.build(call.arguments());
        difference = RequestComparison.firstDifference(call.exchange().request(), call.url(), built,
            calls.credentialQueryNames());
      } catch (IllegalArgumentException e) {
        difference = "the runtime refuses the recovered arguments " + call.arguments() + ": " + e.getMessage();
      }
      if (difference != null) {
        return new ToolCheck(tool.name(), CheckStatus.FAILED, call.source() + ": " + difference, sources);
      }
    }
    return new ToolCheck(tool.name(), CheckStatus.PASSED,
        recorded.size() + " recorded call(s) reproduced by the runtime's request builder", sources);
  }
}
