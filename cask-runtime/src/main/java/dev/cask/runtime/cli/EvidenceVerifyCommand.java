package dev.cask.runtime.cli;

import dev.cask.runtime.evidence.EvidenceVerifier;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evidence verify ZIP}: re-checks every digest, approval signature, the DSSE signature and the signers chain of
 * an evidence bundle offline, the chain walked from the auditor's anchors as {@code serve} walks it; prints each link
 * it checked, or names the first broken one (exit 3). Without any anchor the bundle can only be shown consistent: that
 * is said, with exit 8.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {"Re-check an evidence bundle offline: every digest, every approval signature, the DSSE signature,",
        "and the signers chain from the signers you trust (--signers, --trust-anchor, " + TrustAnchors.ENV + ")."})
final class EvidenceVerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Parameters(index = "0", paramLabel = "ZIP", description = "The evidence bundle (evidence.zip).")
  Path zip;

  @Option(names = "--signers", paramLabel = "FILE",
      description = {"A signers file you trust (e.g. from the repository's protected branch): an anchor. The bundle's "
          + "signers chain must contain its version and is walked from it to the bundle's signers file."})
  Path signers;

  @Option(names = "--trust-anchor", paramLabel = "ANCHOR|FILE",
      description = {"A trust anchor as serve takes it: sha256:<signers version digest> and/or ed25519:<key fingerprint>"
          + " (threshold=N), or a file holding them. Also read from " + TrustAnchors.ENV + " and ~/.cask/<toolpack>/"
          + TrustAnchors.FILE_NAME + "; every anchor given must hold. Without any, exit 8: not anchored."})
  String trustAnchor;

  @Option(names = "--at", paramLabel = "INSTANT",
      description = "Check key expiry as of this time (e.g. the release date, 2026-03-01T12:00:00Z); default now.")
  Instant at;

  EvidenceVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(at, ZoneOffset.UTC);
    TrustAnchors operator = TrustAnchors.of("--trust-anchor", trustAnchor, context.env(),
        TrustAnchors.defaultOperatorDirectory(), false);
    List<TrustAnchors.Given> given = new ArrayList<>();
    if (signers != null) {
      given.add(EvidenceVerifier.trustedSigners(signers));
    }
    given.addAll(operator.given());
    EvidenceVerifier.Result result = new EvidenceVerifier(clock)
        .verify(zip, new TrustAnchors(given, operator.operatorDirectory(), false));
    StringBuilder out = new StringBuilder();
    String nl = System.lineSeparator();
    result.checked().forEach(line -> out.append("  ").append(line).append(nl));
    if (result.anchored()) {
      out.append("OK: ").append(zip).append(" verifies; its signers are anchored by ")
          .append(String.join(" and ", result.trust().pinnedBy())).append(nl);
    } else {
      out.append("NOT ANCHORED: ").append(zip).append(" is consistent and every signature in it holds, but nothing from")
          .append(" outside the bundle says whose signatures count: whoever made it could have made its signers file")
          .append(" and history too.").append(nl)
          .append("Pin the signers you trust: --signers FILE (a signers file you trust), --trust-anchor sha256:<the")
          .append(" signers version you reviewed> or ").append(TrustAnchors.ENV).append(" (the bundle's signers are ")
          .append("version ").append(result.trust().version()).append(", ").append(result.trust().digest()).append(").")
          .append(nl);
    }
    context.stdout().write(out.toString().getBytes(StandardCharsets.UTF_8));
    return result.anchored() ? ExitCodes.OK : ExitCodes.NOT_ANCHORED;
  }
}
