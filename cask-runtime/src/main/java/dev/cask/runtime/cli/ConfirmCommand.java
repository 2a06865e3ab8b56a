package dev.cask.runtime.cli;

import dev.cask.runtime.CaskException;
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

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "The server's state directory (default: the one serve uses, see the documentation).")
  Path stateDir;

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  boolean yes;

  ConfirmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    PrintStream err = context.stderr();
    String summary;
    try {
      summary = context.core().confirm(challengeId, stateDir, false);
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
      err.println(context.core().confirm(challengeId, stateDir, true));
    } catch (CaskException e) {
      throw new CliFailure(ExitCodes.NOT_CONFIRMED, e.getMessage(), e);
    }
    return ExitCodes.OK;
  }
}
