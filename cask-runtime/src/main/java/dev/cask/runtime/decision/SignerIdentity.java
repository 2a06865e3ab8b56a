package dev.cask.runtime.decision;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.PassphraseSupplier;
import dev.cask.runtime.crypto.PemKeys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The person signing: their private key (from the key directory, outside the project, owner-only) and the signers-file
 * entry that owns it. The signer id always comes from the signers file, never from the key's file name.
 *
 * @param id the signer id
 * @param key the private key
 */
public record SignerIdentity(String id, SigningKey key) {
  /**
   * @param keyDirectory where keys live ({@code cask.keyDirectory})
   * @param signer {@code cask.signer}: a signer id, a key path, or null for the only key
   * @param project keys inside it are refused
   */
  public static SignerIdentity load(
      Path keyDirectory, String signer, Path project, SignersFile signers, String signersName, PassphraseSupplier passphrase) {
    KeyDirectory keys = new KeyDirectory(keyDirectory);
    Path file = keys.select(signer);
    KeyDirectory.refuseInsideProject(file, project, "-Dcask.signer");
    SigningKey key = PemKeys.read(KeyDirectory.readPrivate(file), passphrase, file.toString());
    Map.Entry<String, Signer> owner = signers.ownerOf(key.keyId()).orElseThrow(() -> new CaskException(signersName, null,
        "no signer owns key " + key.keyId() + " (" + file + ")",
        "add the entry printed by mvn cask:keygen to " + signersName + " and have a trusted signer approve that change"));
    return new SignerIdentity(owner.getKey(), key);
  }
}
