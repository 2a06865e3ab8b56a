package dev.cask.runtime.verification;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes {@code cask.lock.yaml} and {@code cask.signers.yaml}. Reading is strict (unknown fields, duplicate
 * keys, bad values are errors naming the line); writing is deterministic (entries sorted by operation and signer id,
 * fields in a fixed order, a comment header that is not signed).
 */
public final class GateFiles {
  public static final String LOCKFILE = "cask.lock.yaml";
  public static final String SIGNERS = "cask.signers.yaml";

  static final String LOCKFILE_HEADER =
      "# Cask lockfile: every tool the agent may use, pinned to the digest a person reviewed and signed.\n"
          + "# Written by mvn cask:gate-allow / cask:gate-block; any hand edit breaks a signature. Format: site page \"Lockfile\".\n";
  static final String SIGNERS_HEADER =
      "# Cask signers: who may approve tools. A change must be signed by signers trusted before it\n"
          + "# (mvn cask:gate-allow -Dcask.approveSigners=true). Format: site page \"Signers\".\n";

  private GateFiles() {}

  public static Lockfile parseLockfile(byte[] bytes, String displayName) {
    // The layout this class writes is read without a YAML parser (start-up time); anything else, including every
    // damaged or hand-edited file, goes through the strict YAML mapper, which reports problems with their lines.
    Lockfile written = WrittenLockfileReader.read(bytes);
    if (written != null) {
      return written;
    }
    return CaskFiles.parse(CaskMappers.yaml(), bytes, displayName, Lockfile.class,
        "restore the file from version control or approve again with mvn cask:gate-allow");
  }

  public static SignersFile parseSigners(byte[] bytes, String displayName) {
    return CaskFiles.parse(CaskMappers.yaml(), bytes, displayName, SignersFile.class,
        "restore the file from version control; a change needs a trusted signer's signature (site page \"Signers\")");
  }

  public static byte[] lockfileBytes(Lockfile lockfile) {
    return withHeader(LOCKFILE_HEADER, CaskFiles.yaml(lockfile));
  }

  public static byte[] signersBytes(SignersFile signers) {
    return withHeader(SIGNERS_HEADER, CaskFiles.yaml(signers));
  }

  private static byte[] withHeader(String header, byte[] body) {
    byte[] head = header.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
