package dev.cask.runtime.cli;

import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.Passphrases;
import dev.cask.runtime.review.Review;
import dev.cask.runtime.review.ReviewSettings;
import dev.cask.runtime.verification.Baseline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code review}: the interactive review of a project's toolpack (the same as {@code mvn cask:review}): every tool with
 * its risk and change state, its definition and diff, and signed approve / block decisions written to the lockfile.
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Review a project's tools in the terminal and sign approve/block decisions into its lockfile.",
      "Full screen on a terminal that can draw one (also over SSH), plain prompts otherwise."
    })
final class ReviewCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin StackTraceOption stackTrace;

  @Mixin ProjectFilesOptions files;

  @Option(names = "--baseline", paramLabel = "DIR|ZIP",
      description = "The toolpack of the last approvals: shows how each changed tool changed.")
  Path baseline;

  @Option(names = "--key-directory", paramLabel = "DIR", description = "Where private keys live (default: ~/.cask/keys).")
  Path keyDirectory;

  @Option(names = "--signer", paramLabel = "ID|PEM", description = "The signing key: a signer id or a key file (default: the only key).")
  String signer;

  ReviewCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = files.projectDirectory();
    ReviewSettings settings = new ReviewSettings(dir, files.toolpack(), files.lockfile(), files.signers(), Baseline.none(),
        baseline == null ? null : dir.resolve(baseline),
        keyDirectory == null ? KeyDirectory.defaultDirectory() : keyDirectory, signer,
        Passphrases.from(context.env(), System.console()));
    Review.run(settings, Clock.systemUTC(), context.stdin(), context.stdout());
    return ExitCodes.OK;
  }
}
