package dev.cask.maven.verify;

import java.util.List;
import java.util.Objects;

/**
 * One tool's result in one contract.
 *
 * @param tool the tool name, or {@value #TOOLPACK} for what belongs to no tool (the toolpack's sources, a recorded call
 *     no tool covers)
 * @param status the result
 * @param detail what was checked, or the first thing that broke (naming the exchange, source or signer)
 * @param evidence what it was checked against: recorded calls ({@code shop.har#entries/3}), source locations, signers
 */
public record ToolCheck(String tool, CheckStatus status, String detail, List<String> evidence) {
  public static final String TOOLPACK = "(toolpack)";

  public ToolCheck {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    evidence = List.copyOf(evidence);
  }
}
