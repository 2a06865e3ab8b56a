package dev.cask.maven.mojo;

import dev.cask.maven.gate.Keygen;
import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.crypto.Passphrases;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates an Ed25519 signing key (encrypted PKCS#8 PEM under ~/.cask/keys, owner-only) and prints the signers-file
 * entry; with {@code -Dcask.bootstrapSigners=true} in a project without a signers file, creates it with this key.
 */
@Mojo(name = "keygen", threadSafe = false)
public class KeygenMojo extends AbstractGateMojo {
  /** Create cask.signers.yaml with the new key as its first signer (only when the file does not exist). */
  @Parameter(property = "cask.bootstrapSigners", defaultValue = "false")
  protected boolean bootstrapSigners;

  /** The signer's display name (default: the signer id). */
  @Parameter(property = "cask.signerName")
  protected String signerName;

  /** The key's last valid instant, e.g. 2027-01-01T00:00:00Z (optional). */
  @Parameter(property = "cask.notAfter")
  protected String notAfter;

  @Override
  protected String goal() {
    return "keygen";
  }

  @Override
  protected void run(BuildLog log) {
    String id = signer != null && !signer.isBlank() ? signer.trim()
        : System.getProperty("user.name", "signer").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    char[] passphrase = Passphrases.forNewKey(System.getenv(), interactiveMode ? System.console() : null, id + ".pem");
    new Keygen(clock(), log).run(gateSettings(), keyDirectoryPath(), id, signerName, notAfter, passphrase, bootstrapSigners);
  }
}
