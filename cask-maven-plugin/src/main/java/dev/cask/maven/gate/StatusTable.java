package dev.cask.maven.gate;

import dev.cask.runtime.model.capture.LeftOutOperation;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.ToolState;
import dev.cask.runtime.verification.ToolStatus;
import dev.cask.runtime.verification.VerificationReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code cask:gate-status} table: tool, risk, decision, signers, state; then counts and the policy's state. */
public final class StatusTable {
  private static final Set<ReasonCode> POLICY_CODES = Set.of(ReasonCode.POLICY_CHANGED, ReasonCode.POLICY_NOT_APPROVED,
      ReasonCode.TOOLSETS_CHANGED, ReasonCode.TOOLSETS_NOT_APPROVED);

  private StatusTable() {}

  public static List<String> lines(VerificationReport report) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TOOL", "RISK", "DECISION", "SIGNERS", "STATE"});
    for (ToolStatus status : report.tools()) {
      String state = status.state().wireName() + (status.detail().isEmpty() ? "" : " (" + status.detail() + ")");
      rows.add(new String[] {status.tool(), status.risk().wireName(),
          status.decision() == null ? "-" : status.decision().wireName(),
          status.signers().isEmpty() ? "-" : String.join(",", status.signers()), state});
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      lines.add(line.toString().stripTrailing());
    }
    Map<ToolState, Integer> counts = new EnumMap<>(ToolState.class);
    for (ToolState state : ToolState.values()) {
      counts.put(state, 0);
    }
    report.tools().forEach(status -> counts.merge(status.state(), 1, Integer::sum));
    lines.add("");
    lines.add(report.tools().size() + " tool(s): " + counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().wireName()).collect(Collectors.joining(", ")));
    lines.add("policy: " + policyState(report));
    report.toolpack().map(toolpack -> toolpack.toolsets()).ifPresent(toolsets -> lines.add("toolsets (approved with the "
        + "policy): " + toolsets.toolsets().entrySet().stream()
            .map(set -> set.getKey() + " (" + set.getValue().tools().size() + ")").collect(Collectors.joining(", "))));
    lines.add("signers: " + report.signersTrust().map(SignersTrust::describe)
        .orElse(report.signers().map(s -> "version " + s.version() + " (" + SignedPayloads.signersDigest(s)
            + "), not trusted (see below)").orElse("none")));
    List<LeftOutOperation> leftOut = report.toolpack().map(toolpack -> toolpack.manifest().leftOutOperations())
        .orElse(List.of()).stream().filter(op -> op.coveredBy() == null).toList();
    if (!leftOut.isEmpty()) {
      lines.add("left out: " + leftOut.size() + " operation(s) of the sources have no tool (toolpack.yaml leftOut):");
      leftOut.forEach(op -> lines.add("  " + op.line()));
    }
    List<Problem> fileProblems = report.errors().stream()
        .filter(p -> report.tools().stream().noneMatch(t -> t.tool().equals(p.subject())) && !p.subject().equals("policy"))
        .toList();
    fileProblems.forEach(p -> lines.add(p.line()));
    return lines;
  }

  private static String policyState(VerificationReport report) {
    return report.errors().stream().filter(p -> p.subject().equals("policy")).findFirst()
        .map(p -> POLICY_CODES.contains(p.code()) ? p.code().wireName().replace("policy_", "") : "invalid (" + p.code().wireName() + ")")
        .orElse(report.lockfile().map(l -> l.policy() == null ? "not approved" : "approved").orElse("unknown"));
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
