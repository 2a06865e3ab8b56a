package dev.cask.runtime.policy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.policy.Policy;
import java.nio.file.Path;

/** Reads a {@code policy.yaml} strictly and checks that it compiles, with errors naming the file, the place and the fix. */
public final class PolicyFiles {
  private static final String FIX = "correct the policy file (format: see the site page \"Policy\")";

  private PolicyFiles() {}

  public static Policy read(Path file) {
    Policy policy = CaskFiles.readYaml(file, file.toString(), Policy.class, FIX);
    try {
      PolicyEngine.compile(policy);
    } catch (IllegalArgumentException e) {
      throw new CaskException(file.toString(), "rules", e.getMessage(), FIX, e);
    }
    return policy;
  }
}
