package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.TrustAnchor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The trust anchor a client configuration starts {@code serve} with ({@code serve} refuses to start without one): the
 * operator's own, or else the signers version the project holds when {@code config} runs, pinned by its content digest
 * and said loudly: trust on first use, so that a signers file replaced or rolled back afterwards stops the server.
 *
 * @param value the anchor as {@code serve --trust-anchor} takes it: a value ({@code sha256:...}, {@code ed25519:...}) or
 *     the absolute path of a file holding one
 * @param pinnedFromProject whether {@code config} chose it (the project's current signers version), not the operator
 * @param description what it pins, for the person running {@code config}
 */
public record ConfigAnchor(String value, boolean pinnedFromProject, String description) {
  public ConfigAnchor {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(description, "description");
  }

  /**
   * @param source how the operator's anchor was given ({@code --trust-anchor}, {@code -Dcask.trustAnchor})
   * @param given the operator's anchor (a value or a file), or null
   * @param project where a relative anchor file is (absolute)
   * @param signers the project's signers file (absolute)
   * @return the anchor, or null when none was given and the signers file does not exist yet
   * @throws CaskException naming the anchor or the signers file when it cannot be read
   */
  static ConfigAnchor choose(String source, String given, Path project, Path signers) {
    if (given != null) {
      String text = given.strip();
      // a file is named by absolute path: the client starts the server in a directory of its choosing
      String value = text.isEmpty() || TrustAnchor.isValue(text) ? text : project.resolve(text).normalize().toString();
      TrustAnchor anchor = TrustAnchor.read(source, value); // refused here, with the fix, rather than in the client
      return new ConfigAnchor(value, false, anchor.describe());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(signers);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CaskException(signers.toString(), null, "cannot be read: " + e.getMessage(),
          "check the path and its permissions, or give the anchor yourself with --trust-anchor");
    }
    SignersFile current = GateFiles.parseSigners(bytes, signers.toString());
    String digest = SignedPayloads.signersDigest(current);
    return new ConfigAnchor(digest, true, "version " + current.version() + " of " + signers + " (" + digest + ")");
  }

  /** What {@code config} says about the anchor it wrote: loud when it pinned the project's version itself. */
  List<String> notice(Path signers) {
    if (!pinnedFromProject) {
      return List.of();
    }
    return List.of("TRUST ON FIRST USE: no trust anchor was given, so the server is pinned to the signers as this project"
            + " holds them now: " + description + ". It will accept only this version and the later versions its "
            + "signers approve; a replaced or rolled-back signers file stops it.",
        "Check that this is the signers version you reviewed (mvn cask:gate-status prints it; git log -p "
            + GateFiles.historyOf(signers).getFileName() + " shows who signed each version), or give the one you "
            + "reviewed: --trust-anchor sha256:<digest> (mvn cask:config -Dcask.trustAnchor=sha256:<digest>).");
  }

  /** What {@code config} says when there is nothing to pin: the server will refuse to start. */
  static String missing(Path signers) {
    return "no trust anchor: " + signers + " does not exist yet, so there is no signers version to pin, and the server"
        + " refuses to start without one. Run config again once the signers file exists (mvn cask:keygen "
        + "-Dcask.bootstrapSigners=true), or give the anchor with --trust-anchor";
  }
}
