package dev.cask.maven.gate;

import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.VerificationInput;

/** Turns the gate settings into the verifier's input: reads the files and resolves the baseline (files or a git ref). */
public final class GateInputs {
  private GateInputs() {}

  public static VerificationInput of(GateSettings settings) {
    return new VerificationInput(settings.toolpack(),
        FileSource.read(settings.lockfile(), settings.display(settings.lockfile())),
        FileSource.read(settings.signers(), settings.display(settings.signers())),
        FileSource.read(settings.signersHistory(), settings.display(settings.signersHistory())), baseline(settings),
        settings.anchors());
  }

  /** Explicit baseline files win over the git ref; with neither, there is no baseline. */
  public static Baseline baseline(GateSettings settings) {
    FileSource signers = null;
    FileSource lockfile = null;
    if (settings.baselineRef() != null) {
      signers = GitFiles.show(settings.project(), settings.baselineRef(), settings.signers());
      lockfile = GitFiles.show(settings.project(), settings.baselineRef(), settings.lockfile());
    }
    if (settings.baselineSigners() != null) {
      signers = requireFile(settings.baselineSigners(), "-Dcask.baselineSigners");
    }
    if (settings.baselineLockfile() != null) {
      lockfile = requireFile(settings.baselineLockfile(), "-Dcask.baselineLockfile");
    }
    return new Baseline(signers, lockfile);
  }

  private static FileSource requireFile(java.nio.file.Path file, String setting) {
    FileSource source = FileSource.read(file, "baseline " + file);
    if (!source.exists()) {
      throw new dev.cask.runtime.CaskException(setting, null, "file " + file + " does not exist",
          "give the path of the baseline file (for example a copy from the target branch)");
    }
    return source;
  }
}
