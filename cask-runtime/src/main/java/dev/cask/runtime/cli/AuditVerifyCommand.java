package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code audit verify FILE}: checks the hash chain; a broken chain names the first broken record (exit 5). */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check an audit log's hash chain and report the first broken record.")
final class AuditVerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Parameters(index = "0", paramLabel = "FILE", description = "The audit log (JSONL).")
  Path file;

  AuditVerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String summary;
    try {
      summary = context.core().verifyAudit(file);
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.AUDIT_BROKEN, e.getMessage(), e);
    }
    context.stdout().write((summary + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    return ExitCodes.OK;
  }
}
