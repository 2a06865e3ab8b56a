package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.audit.AuditVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code audit verify FILE}: checks the hash chain and the signed checkpoint ({@code FILE.checkpoint}). Prints the
 * result and what an auditor should know (records not covered by a checkpoint, restarts, calls without an outcome);
 * exit 0 when every record is proven, 7 when the chain holds but not everything is proven, 5 when it is broken.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check an audit log's hash chain and its signed checkpoint (FILE.checkpoint).",
      "Exit 0: every record is proven; 7: intact, but records are not covered by a checkpoint or a sent call has no"
          + " outcome; 5: broken (changed, removed, reordered, cut short, emptied, rewritten or missing)."
    })
final class AuditVerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Parameters(index = "0", paramLabel = "FILE", description = "The audit log (JSONL).")
  Path file;

  @Option(names = "--trusted-key", paramLabel = "KEY",
      description = {"The checkpoint key to trust (base64, as 'serve' prints it at start-up).",
          "Default: the key derived from the server key beside the log (cask-runtime.key), if readable."})
  String trustedKey;

  AuditVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    AuditVerification verification;
    try {
      verification = context.core().verifyAudit(file, trustedKey);
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
    String report = file + ": " + verification.describe() + System.lineSeparator();
    if (verification.status() == AuditVerification.Status.BROKEN) {
      throw new CliFailure(ExitCodes.AUDIT_BROKEN, report.strip(), null);
    }
    context.stdout().write(report.getBytes(StandardCharsets.UTF_8));
    return verification.complete() ? ExitCodes.OK : ExitCodes.AUDIT_INCOMPLETE;
  }
}
