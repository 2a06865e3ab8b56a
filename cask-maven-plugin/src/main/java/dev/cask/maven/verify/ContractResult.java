package dev.cask.maven.verify;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A contract's results, one per tool (sorted by name; {@value ToolCheck#TOOLPACK} first).
 *
 * @param contract which contract
 * @param checks the results
 */
public record ContractResult(Contract contract, List<ToolCheck> checks) {
  public ContractResult {
    Objects.requireNonNull(contract, "contract");
    checks = checks.stream()
        .sorted(Comparator.comparing((ToolCheck check) -> !check.tool().equals(ToolCheck.TOOLPACK))
            .thenComparing(ToolCheck::tool))
        .toList();
  }

  public long count(CheckStatus status) {
    return checks.stream().filter(check -> check.status() == status).count();
  }

  public boolean failed() {
    return count(CheckStatus.FAILED) > 0;
  }
}
