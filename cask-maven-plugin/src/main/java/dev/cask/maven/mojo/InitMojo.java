package dev.cask.maven.mojo;

import dev.cask.maven.init.InputSource;
import dev.cask.maven.init.PomSetup;
import dev.cask.maven.init.ProjectInit;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.Passphrases;
import java.io.File;
import java.time.Clock;
import java.util.Locale;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Sets a project up for Cask, with or without a pom: the plugin and its goals in the pom (formatting kept),
 * {@code src/main/cask/} with a README, a first input ({@code -Dcask.from=}), a signing key and signers file on
 * request; prints what it would do unless {@code -Dcask.write=true}; ends with the next command.
 */
@Mojo(name = "init", requiresProject = false, threadSafe = false, aggregator = true)
public class InitMojo extends AbstractCaskMojo {
  /** Write the files (otherwise only print what would be done). */
  @Parameter(property = "cask.write", defaultValue = "false")
  protected boolean write;

  /** A first input: an OpenAPI/HAR/OTLP file, or an https:// URL to fetch it from. */
  @Parameter(property = "cask.from")
  protected String from;

  /** The largest input accepted, in bytes. */
  @Parameter(property = "cask.maxInputBytes", defaultValue = "83886080")
  protected long maxInputBytes;

  /** Also make a signing key and cask.signers.yaml with it (only when there is no signers file). */
  @Parameter(property = "cask.bootstrapSigners", defaultValue = "false")
  protected boolean bootstrapSigners;

  /** The new signer's id (default: the user name). */
  @Parameter(property = "cask.signer")
  protected String signer;

  /** The signer's display name. */
  @Parameter(property = "cask.signerName")
  protected String signerName;

  /** Where the private key goes (never inside the project). Default: ~/.cask/keys. */
  @Parameter(property = "cask.keyDirectory")
  protected File keyDirectory;

  /** The directory Maven runs in: the project, pom or not. */
  @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
  protected File executionRoot;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  protected PluginDescriptor plugin;

  @Parameter(defaultValue = "${settings.interactiveMode}", readonly = true)
  protected boolean interactiveMode;

  @Override
  protected String goal() {
    return "init";
  }

  @Override
  protected void run(BuildLog log) {
    String id = signer != null && !signer.isBlank() ? signer.trim()
        : System.getProperty("user.name", "signer").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    ProjectInit.Settings settings = new ProjectInit.Settings(executionRoot.toPath(), write, from, maxInputBytes,
        bootstrapSigners, id, signerName, keyDirectory != null ? keyDirectory.toPath() : KeyDirectory.defaultDirectory(),
        new PomSetup.Plugin(plugin.getGroupId(), plugin.getArtifactId(), plugin.getVersion()));
    new ProjectInit(Clock.systemUTC(), log,
        () -> Passphrases.forNewKey(System.getenv(), interactiveMode ? System.console() : null, id + ".pem"),
        new InputSource(maxInputBytes)).run(settings);
  }
}
