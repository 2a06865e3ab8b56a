package dev.cask.maven.verify;

import java.util.List;
import java.util.Objects;

/**
 * What {@code cask:verify} found: written as {@code verify.json}, {@code verify.md} and {@code verify-junit.xml} and
 * printed as a table. Nothing in it depends on the machine, the time or the ports used, so two builds of the same
 * inputs write the same bytes.
 *
 * @param toolpack the toolpack name
 * @param version the toolpack version
 * @param upstream {@code replay} (the recorded responses, on loopback) or {@code live} (and the base URL called)
 * @param contracts the contracts, in {@link Contract} order
 * @param failOnNoEvidence whether {@code no_evidence} fails the build too
 */
public record VerifyReport(
    String toolpack, String version, String upstream, List<ContractResult> contracts, boolean failOnNoEvidence) {
  public static final int FORMAT_VERSION = 1;

  public VerifyReport {
    Objects.requireNonNull(toolpack, "toolpack");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(upstream, "upstream");
    contracts = List.copyOf(contracts);
  }

  /** Whether the build passes: no contract failed (and no tool lacks evidence, with failOnNoEvidence). */
  public boolean passed() {
    return contracts.stream().noneMatch(c -> c.failed() || (failOnNoEvidence && c.count(CheckStatus.NO_EVIDENCE) > 0));
  }

  /** The checks that fail the build, in report order. */
  public List<String> failures() {
    return contracts.stream()
        .flatMap(c -> c.checks().stream()
            .filter(check -> check.status() == CheckStatus.FAILED
                || (failOnNoEvidence && check.status() == CheckStatus.NO_EVIDENCE))
            .map(check -> c.contract().wireName() + " " + check.tool() + ": " + check.detail()))
        .toList();
  }
}
