package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.server.DeploymentOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code confirm <id>}: a person approves a pending call out of band. It shows exactly what will run (tool and
 * arguments) first and asks, unless {@code --yes}.
 */
@Command(
    name = "confirm",
    mixinStandardHelpOptions = true,
    description = "Show a pending confirmation (tool and exact arguments) and approve it.")
final class ConfirmCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Parameters(index = "0", paramLabel = "ID", description = "The challenge id the agent was given.")
  String challengeId;

  @Option(names = "--audit-log", paramLabel = "FILE",
      description = "The audit log the server writes (pending confirmations live beside it); default"
          + " ~/.cask/<toolpack>/audit.jsonl, see --toolpack-name.")
  Path auditLog;

  @Option(names = "--toolpack-name", paramLabel = "NAME",
      description = "The toolpack's name, to find its default audit log (needed when several exist); with --state, the"
          + " toolpack to look under.")
  String toolpackName;

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  boolean yes;

  @Mixin StateOptions state;

  ConfirmCommand(CliContext context) {
    this.context = context;
  }

  /** The given audit log, or the default one of the named toolpack, or the only default one there is. */
  private Path auditLog() {
    if (auditLog != null) {
      return auditLog;
    }
    if (toolpackName != null) {
      return VerifiedRuntimeCore.defaultAuditLog(toolpackName);
    }
    Path root = VerifiedRuntimeCore.defaultAuditLog("x").getParent().getParent();
    java.util.List<Path> logs = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(root)) {
      dirs.map(dir -> dir.resolve("audit.jsonl")).filter(java.nio.file.Files::isRegularFile).forEach(logs::add);
    } catch (IOException e) {
      // no default directory: fall through to the error below
    }
    if (logs.size() != 1) {
      throw new CliFailure(
          ExitCodes.USAGE,
          (logs.isEmpty() ? "no audit log under " + root : "several toolpacks under " + root)
              + ": pass --audit-log FILE or --toolpack-name NAME",
          null);
    }
    return logs.get(0);
  }

  @Override
  public Integer call() throws IOException {
    PrintStream err = context.stderr();
    DeploymentOptions shared = state.toOptions(null);
    if (shared.state() != null && auditLog != null) {
      throw new CliFailure(ExitCodes.USAGE, "--audit-log and --state point at two different stores: give one", null);
    }
    String summary;
    try {
      summary = shared.state() != null
          ? context.core().confirm(challengeId, shared, toolpackName, false)
          : context.core().confirm(challengeId, auditLog(), false);
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.NOT_CONFIRMED, e.getMessage(), e);
    }
    err.println(summary);
    if (!yes) {
      err.print("Approve this call? [y/N] ");
      err.flush();
      String answer = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8)).readLine();
      if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
        err.println("Not approved.");
        return ExitCodes.NOT_CONFIRMED;
      }
    }
    try {
      // The result is the command's output (stdout); the summary and the question went to stderr.
      String approved = shared.state() != null
          ? context.core().confirm(challengeId, shared, toolpackName, true)
          : context.core().confirm(challengeId, auditLog(), true);
      context.stdout().write((approved + System.lineSeparator())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.NOT_CONFIRMED, e.getMessage(), e);
    }
    return ExitCodes.OK;
  }
}
