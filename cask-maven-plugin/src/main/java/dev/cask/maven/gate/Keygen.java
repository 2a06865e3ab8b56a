package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.KeyDirectory;
import dev.cask.runtime.crypto.PemKeys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.lockfile.Names;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.SignedPayloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code cask:keygen}: a new Ed25519 key, written encrypted (PKCS#8, openssl-compatible) to the key directory with
 * owner-only permissions, and the signers-file entry to paste. With {@code bootstrapSigners} in a project without a
 * signers file it creates the file with this key as first signer, self-signed: the one explicit act of trust that
 * starts a project. It never adds a key to an existing signers file (that change must be signed by someone already
 * trusted).
 */
public final class Keygen {
  private final Clock clock;
  private final BuildLog log;

  public Keygen(Clock clock, BuildLog log) {
    this.clock = clock;
    this.log = log;
  }

  /**
   * @param signerId the new signer's id
   * @param displayName the signer's display name
   * @param notAfter the key's last valid instant, or null
   * @param passphrase the passphrase that encrypts the key
   * @param bootstrap whether to create the signers file
   * @return the written key file
   */
  public Path run(
      GateSettings settings, Path keyDirectory, String signerId, String displayName, String notAfter, char[] passphrase,
      boolean bootstrap) {
    try {
      Names.signer(signerId);
      if (notAfter != null) {
        Names.instant(notAfter, "notAfter");
      }
    } catch (IllegalArgumentException e) {
      throw new CaskException("-Dcask.signer / -Dcask.notAfter", null, e.getMessage(), "choose a valid value");
    }
    boolean signersExist = Files.exists(settings.signers());
    if (bootstrap && (signersExist || Files.exists(settings.signersHistory()))) {
      Path existing = signersExist ? settings.signers() : settings.signersHistory();
      throw new CaskException(settings.display(existing), null,
          "already exists, so -Dcask.bootstrapSigners=true would replace the trusted signers",
          "run keygen without it, add the printed entry to the file and have a trusted signer run mvn cask:gate-allow -Dcask.approveSigners=true");
    }
    KeyDirectory.refuseInsideProject(keyDirectory, settings.project(), "-Dcask.keyDirectory");
    SigningKey key = Ed25519Keys.generate();
    Path file = new KeyDirectory(keyDirectory).write(signerId, PemKeys.writeEncrypted(key, passphrase));
    Signer signer = new Signer(displayName == null || displayName.isBlank() ? signerId : displayName.trim(),
        Ed25519Keys.spkiBase64(key.publicKey()), key.keyId(), notAfter, false);
    log.info("Wrote encrypted private key " + file + " (" + key.keyId() + "); keep it and its passphrase safe, never commit it");
    log.info("Key fingerprint " + Ed25519Keys.fingerprint(key.publicKey()) + " (what an operator pins with --trust-anchor"
        + " or -Dcask.trustAnchor)");
    if (bootstrap) {
      TreeMap<String, Signer> signers = new TreeMap<>(Map.of(signerId, signer));
      SignersFile content = SignersFile.of(signers);
      SignersFile signed = content.withApprovals(
          List.of(Approvals.signers(key, signerId, content, "bootstrap: first signer", clock.instant())));
      Path dir = settings.signers().toAbsolutePath().getParent();
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(settings.signers().getFileName().toString(), GateFiles.signersBytes(signed));
      files.put(settings.signersHistory().getFileName().toString(),
          GateFiles.signersHistoryBytes(SignersHistory.of(List.of(signed))));
      CaskFiles.writeAtomically(dir, files);
      log.info("Created " + settings.display(settings.signers()) + " (version 1, " + SignedPayloads.signersDigest(signed)
          + ") with " + signerId + " as its first signer, and its history " + settings.display(settings.signersHistory())
          + "; commit both");
    } else {
      log.info("Add this entry under 'signers:' in " + settings.display(settings.signers())
          + (signersExist ? ", then have a trusted signer run mvn cask:gate-allow -Dcask.approveSigners=true"
              : " (or run mvn cask:keygen -Dcask.bootstrapSigners=true to start the file with a new key)") + ":");
      for (String line : entry(signerId, signer).split("\n")) {
        log.info(line);
      }
    }
    return file;
  }

  /** The YAML lines of one signers entry, indented to paste under {@code signers:}. */
  static String entry(String id, Signer signer) {
    String yaml = new String(CaskFiles.yaml(Map.of(id, signer)), StandardCharsets.UTF_8);
    return yaml.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
