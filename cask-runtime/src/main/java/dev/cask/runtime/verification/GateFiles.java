package dev.cask.runtime.verification;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads and writes {@code cask.lock.yaml} and {@code cask.signers.yaml}. Reading is strict (unknown fields, duplicate
 * keys, bad values are errors naming the line); writing is deterministic (entries sorted by operation and signer id,
 * fields in a fixed order, a comment header that is not signed).
 */
public final class GateFiles {
  public static final String LOCKFILE = "cask.lock.yaml";
  public static final String SIGNERS = "cask.signers.yaml";
  public static final String SIGNERS_HISTORY = "cask.signers.history.yaml";

  static final String LOCKFILE_HEADER =
      "# Cask lockfile: every tool the agent may use, pinned to the digest a person reviewed and signed.\n"
          + "# Written by mvn cask:gate-allow / cask:gate-block; any hand edit breaks a signature. Format: site page \"Lockfile\".\n";
  static final String SIGNERS_HEADER =
      "# Cask signers: who may approve tools. A change must be signed by signers trusted before it\n"
          + "# (mvn cask:gate-allow -Dcask.approveSigners=true). Format: site page \"Signers\".\n";
  static final String HISTORY_HEADER =
      "# Cask signers history: every signed version of the signers file, oldest first; the newest is the current one.\n"
          + "# Each version is signed by the signers of the version before it. Written by mvn cask:keygen\n"
          + "# -Dcask.bootstrapSigners=true and mvn cask:gate-allow -Dcask.approveSigners=true. Format: site page \"Signers\".\n";

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
    requireChainFormat(bytes, displayName);
    return CaskFiles.parse(CaskMappers.yaml(), bytes, displayName, SignersFile.class,
        "restore the file from version control; a change needs a trusted signer's signature (site page \"Signers\")");
  }

  public static SignersHistory parseSignersHistory(byte[] bytes, String displayName) {
    requireChainFormat(bytes, displayName);
    return CaskFiles.parse(CaskMappers.yaml(), bytes, displayName, SignersHistory.class,
        "restore the file from version control: it is written only by mvn cask:keygen -Dcask.bootstrapSigners=true and "
            + "mvn cask:gate-allow -Dcask.approveSigners=true (site page \"Signers\")");
  }

  /**
   * A signers file of another format version says so, and how to start a chain, before its fields are mapped (a
   * version-1 file lacks {@code version}, which would otherwise be reported as a missing number).
   */
  private static void requireChainFormat(byte[] bytes, String displayName) {
    com.fasterxml.jackson.databind.JsonNode format;
    try {
      com.fasterxml.jackson.databind.JsonNode tree = CaskMappers.yaml().readTree(bytes);
      format = tree == null ? null : tree.get("formatVersion");
    } catch (java.io.IOException e) {
      return; // the strict parse reports it with its line
    }
    if (format != null && format.canConvertToInt() && format.intValue() != SignersFile.FORMAT_VERSION) {
      throw new CaskException(displayName, "formatVersion", "is " + format.intValue() + ", a format without a rotation "
          + "chain (this Cask reads version " + SignersFile.FORMAT_VERSION + ", with cask.signers.history.yaml)",
          "move the file aside, start a chain with mvn cask:keygen -Dcask.bootstrapSigners=true and add the other "
              + "signers with mvn cask:gate-allow -Dcask.approveSigners=true (site page \"Signers\")");
    }
  }

  /**
   * Where the history of a signers file lives: beside it, {@code NAME.history.yaml} for {@code NAME.yaml} (or
   * {@code .yml}), so {@code cask.signers.yaml} keeps its chain in {@code cask.signers.history.yaml}.
   */
  public static Path historyOf(Path signers) {
    String name = signers.getFileName().toString();
    String base = name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
        : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
    return signers.resolveSibling(base + ".history.yaml");
  }

  public static byte[] lockfileBytes(Lockfile lockfile) {
    return withHeader(LOCKFILE_HEADER, CaskFiles.yaml(lockfile));
  }

  public static byte[] signersBytes(SignersFile signers) {
    return withHeader(SIGNERS_HEADER, CaskFiles.yaml(signers));
  }

  public static byte[] signersHistoryBytes(SignersHistory history) {
    return withHeader(HISTORY_HEADER, CaskFiles.yaml(history));
  }

  private static byte[] withHeader(String header, byte[] body) {
    byte[] head = header.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
