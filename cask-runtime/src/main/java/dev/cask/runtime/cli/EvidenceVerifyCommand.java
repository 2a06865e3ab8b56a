package dev.cask.runtime.cli;

import dev.cask.runtime.evidence.EvidenceVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evidence verify ZIP}: re-checks every digest, approval signature and the DSSE signature of an evidence bundle
 * offline; prints each link it checked, or names the first broken one (exit 3).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Re-check an evidence bundle offline: every digest, every approval signature, the DSSE signature.")
final class EvidenceVerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Parameters(index = "0", paramLabel = "ZIP", description = "The evidence bundle (evidence.zip).")
  Path zip;

  @Option(names = "--signers", paramLabel = "FILE",
      description = "A signers file you trust; approvals and the envelope must be signed by its signers "
          + "(default: the bundle's own cask.signers.yaml, which only shows the bundle is consistent).")
  Path signers;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Check key expiry as of this time (e.g. the release date, 2026-03-01T12:00:00Z); default now.")
  Instant at;

  EvidenceVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
    List<String> checked = new EvidenceVerifier(clock).verify(zip, signers);
    StringBuilder out = new StringBuilder();
    checked.forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
    out.append("OK: ").append(zip).append(" verifies").append(signers == null ? " against its own signers file" : " against " + signers)
        .append(System.lineSeparator());
    context.stdout().write(out.toString().getBytes(StandardCharsets.UTF_8));
    return ExitCodes.OK;
  }
}
