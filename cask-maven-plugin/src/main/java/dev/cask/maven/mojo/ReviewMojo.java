package dev.cask.maven.mojo;

import dev.cask.maven.gate.GateInputs;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Passphrases;
import dev.cask.runtime.review.Review;
import dev.cask.runtime.review.ReviewSettings;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The interactive review of this project's toolpack (the same as {@code java -jar cask-runtime.jar review}): every
 * tool with its risk and change state, its definition and diff, approve or block as a signed decision with a reason.
 */
@Mojo(name = "review", threadSafe = false)
public class ReviewMojo extends AbstractGateMojo {
  /** The toolpack of the last approvals (as for cask:diff): shows how each changed tool changed. */
  @Parameter(property = "cask.baseline")
  protected File baseline;

  @Override
  protected String goal() {
    return "review";
  }

  @Override
  protected void run(BuildLog log) {
    if (!interactiveMode) {
      throw new CaskException("cask:review", null, "asks a person and this build runs in batch mode (-B)",
          "run it in a terminal without -B, or sign decisions with cask:gate-allow / cask:gate-block");
    }
    GateSettings gate = verifyingGateSettings(log);
    ReviewSettings settings = new ReviewSettings(basedir(), gate.toolpack(), gate.lockfile(), gate.signers(),
        GateInputs.baseline(gate), baseline == null ? null : baseline.toPath(), keyDirectoryPath(), signer,
        Passphrases.standard());
    Review.run(settings, clock(), System.in, System.out);
  }
}
