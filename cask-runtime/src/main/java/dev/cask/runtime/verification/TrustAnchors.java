package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.lockfile.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the operator's trust anchors come from, all outside the repository: an explicit value ({@code serve
 * --trust-anchor}, or {@code -Dcask.trustAnchor} on the Maven command line), the environment variable
 * {@value #ENV}, and the per-toolpack file {@code ~/.cask/<toolpack>/trust-anchor}. Every anchor that is given must
 * hold: a source can add a requirement, never remove one, so an anchor slipped into a file the repository controls
 * cannot replace the operator's.
 *
 * @param given explicit anchors with their source (option, environment), each a value or a file path
 * @param operatorDirectory the directory holding {@code <toolpack>/trust-anchor} (normally {@code ~/.cask}), or null
 * @param required whether verification fails when no anchor is given at all ({@code serve} without
 *     {@code --trust-repo-signers}; {@code -Dcask.requireTrustAnchor=true})
 */
public record TrustAnchors(List<Given> given, Path operatorDirectory, boolean required) {
  /** The environment variable holding an anchor (a value or a file path). */
  public static final String ENV = "CASK_TRUST_ANCHOR";
  /** The anchor file's name inside {@code ~/.cask/<toolpack>/}. */
  public static final String FILE_NAME = "trust-anchor";

  /** One explicit anchor and where it came from. */
  public record Given(String source, String valueOrFile) {
    public Given {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(valueOrFile, "valueOrFile");
    }
  }

  /** The anchors for one toolpack, and the sources that could not be read as anchors. */
  public record Resolved(List<TrustAnchor> anchors, List<CaskException> invalid) {
    public Resolved {
      anchors = List.copyOf(anchors);
      invalid = List.copyOf(invalid);
    }
  }

  public TrustAnchors {
    given = List.copyOf(given);
  }

  /** No anchor and none required: the signers chain is trusted from its first version (and a baseline, if any). */
  public static TrustAnchors none() {
    return new TrustAnchors(List.of(), null, false);
  }

  /** {@code ~/.cask}: where the operator's per-toolpack anchor files live. */
  public static Path defaultOperatorDirectory() {
    return Path.of(System.getProperty("user.home"), ".cask");
  }

  /**
   * The operator's anchors.
   *
   * @param optionName how the explicit value was given ({@code --trust-anchor}, {@code -Dcask.trustAnchor})
   * @param optionValue the explicit value or file, or null when not given
   * @param env the environment ({@value #ENV})
   * @param operatorDirectory normally {@link #defaultOperatorDirectory()}
   * @param required whether verification fails without any anchor
   */
  public static TrustAnchors of(
      String optionName, String optionValue, Map<String, String> env, Path operatorDirectory, boolean required) {
    List<Given> given = new ArrayList<>();
    if (optionValue != null) {
      given.add(new Given(optionName, optionValue)); // given but empty is an error, not "no anchor"
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      given.add(new Given(ENV, fromEnv));
    }
    return new TrustAnchors(given, operatorDirectory, required);
  }

  public TrustAnchors withRequired(boolean value) {
    return new TrustAnchors(given, operatorDirectory, value);
  }

  /** The operator's anchor file for a toolpack ({@code ~/.cask/<toolpack>/trust-anchor}), or null without a directory. */
  public Path operatorFile(String toolpack) {
    return operatorDirectory == null ? null : operatorDirectory.resolve(toolpack).resolve(FILE_NAME);
  }

  /** Reads every anchor for this toolpack: the explicit ones, then its operator file if it exists. */
  public Resolved resolve(String toolpack) {
    List<TrustAnchor> anchors = new ArrayList<>();
    List<CaskException> invalid = new ArrayList<>();
    for (Given anchor : given) {
      try {
        anchors.add(TrustAnchor.read(anchor.source(), anchor.valueOrFile()));
      } catch (CaskException e) {
        invalid.add(e);
      }
    }
    if (operatorDirectory != null) {
      if (!Names.TOOLPACK.matcher(toolpack).matches()) {
        invalid.add(new CaskException(operatorDirectory + "/<toolpack>/" + FILE_NAME, null, "the toolpack name '"
            + toolpack + "' cannot name a directory there", "name the toolpack with letters, digits, '.', '_' or '-'"));
      } else {
        Path file = operatorFile(toolpack);
        if (Files.exists(file)) {
          try {
            anchors.add(TrustAnchor.readFile(file.toString(), file));
          } catch (CaskException e) {
            invalid.add(e);
          }
        }
      }
    }
    return new Resolved(anchors, invalid);
  }
}
