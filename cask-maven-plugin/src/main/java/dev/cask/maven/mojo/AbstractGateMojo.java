package dev.cask.maven.mojo;

import dev.cask.maven.gate.CiBaseline;
import dev.cask.maven.gate.CiEnvironment;
import dev.cask.maven.gate.GateSettings;
import dev.cask.maven.gate.Prompt;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters every gate goal shares besides the toolpack's files: keys, baselines, how strict to be. */
abstract class AbstractGateMojo extends AbstractToolpackMojo {
  /** The operator's trust anchor, read from the session's user properties only. */
  static final String TRUST_ANCHOR_PROPERTY = "cask.trustAnchor";

  /** A baseline signers file: a signers-file change must be signed by signers trusted in it. */
  @Parameter(property = "cask.baselineSigners")
  protected File baselineSigners;

  /** A baseline lockfile: the lockfile's sequence may not go below its sequence, and its blocks may not vanish. */
  @Parameter(property = "cask.baselineLockfile")
  protected File baselineLockfile;

  /**
   * A git ref (e.g. origin/main) whose lockfile and signers file are the baseline ({@code git show REF:path}). With no
   * baseline configured, a GitHub Actions pull request ({@code GITHUB_BASE_REF} set) uses {@code origin/$GITHUB_BASE_REF}.
   */
  @Parameter(property = "cask.baselineRef")
  protected String baselineRef;

  /** Where private keys live (never inside the project). Default: ~/.cask/keys. */
  @Parameter(property = "cask.keyDirectory")
  protected File keyDirectory;

  /** The signing key: a signer id (its key file in the key directory) or a PEM path; default: the only key. */
  @Parameter(property = "cask.signer")
  protected String signer;

  /** Whether stale approvals (operations no longer in the toolpack) fail verification. */
  @Parameter(property = "cask.failOnStale", defaultValue = "false")
  protected boolean failOnStale;

  @Parameter(defaultValue = "${settings.interactiveMode}", readonly = true)
  protected boolean interactiveMode;

  /** The session: {@code cask.trustAnchor} is read from its user properties (-D) only, never from the pom. */
  @Parameter(defaultValue = "${session}", readonly = true)
  protected MavenSession session;

  protected GateSettings gateSettings() {
    return new GateSettings(basedir(), toolpackPath(), lockfile.toPath(),
        signersFile.toPath(), path(baselineSigners), path(baselineLockfile), baselineRef, failOnStale, false,
        trustAnchors());
  }

  /**
   * The operator's trust anchors: {@code -Dcask.trustAnchor} (a user property, so a pom a pull request edits cannot set
   * it), {@code CASK_TRUST_ANCHOR} and {@code ~/.cask/<toolpack>/trust-anchor}. Every one given must hold.
   */
  protected TrustAnchors trustAnchors() {
    String value = trustAnchorProperty();
    Map<String, String> env = new HashMap<>();
    String fromEnv = environment().get(TrustAnchors.ENV);
    if (fromEnv != null) {
      env.put(TrustAnchors.ENV, fromEnv);
    }
    return TrustAnchors.of("-D" + TRUST_ANCHOR_PROPERTY, value, env, TrustAnchors.defaultOperatorDirectory(), false);
  }

  /** {@code -Dcask.trustAnchor} from the command line's user properties (never the pom), or null. */
  protected String trustAnchorProperty() {
    return session == null ? null : session.getUserProperties().getProperty(TRUST_ANCHOR_PROPERTY);
  }

  /**
   * The settings of goals that verify: with the pull request's target branch as baseline when the build runs in a
   * GitHub Actions pull request and no baseline is configured ({@link CiBaseline}).
   */
  protected GateSettings verifyingGateSettings(BuildLog log) {
    return CiBaseline.apply(gateSettings(), environment(), log);
  }

  protected CiEnvironment environment() {
    return CiEnvironment.system();
  }

  protected Path keyDirectoryPath() {
    return keyDirectory != null ? keyDirectory.toPath() : dev.cask.runtime.crypto.KeyDirectory.defaultDirectory();
  }

  protected Prompt prompt() {
    return interactiveMode ? Prompt.console() : Prompt.none();
  }

  protected Clock clock() {
    return Clock.systemUTC();
  }

  private static Path path(File file) {
    return file == null ? null : file.toPath();
  }
}
