package dev.cask.runtime.evidence;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes {@code evidence.zip}: the toolpack's files under {@code toolpack/}, the lockfile, the signers file and its
 * history, the reports under {@code reports/}, {@code manifest.json} (the SHA-256 of each and the versions that made the bundle)
 * and {@code attestation.dsse.json} (the approvals as an in-toto statement in a DSSE envelope, signed when a key is
 * given). Entries, times and encodings are fixed and Ed25519 signatures are deterministic, so the same inputs give
 * the same bytes on every build.
 */
public final class EvidenceBundle {
  /**
   * @param cask the Cask version
   * @param java the Java version of the build ({@code java.version})
   * @param maven the Maven version of the build
   */
  public record Versions(String cask, String java, String maven) {
    public Versions {
      Objects.requireNonNull(cask, "cask");
      Objects.requireNonNull(java, "java");
      Objects.requireNonNull(maven, "maven");
    }
  }

  /**
   * @param toolpack the toolpack's files by name ({@code toolpack.yaml}, {@code tools.json}, {@code policy.yaml},
   *     {@code capture.json}, and {@code toolsets.yaml} when it has one)
   * @param lockfile {@code cask.lock.yaml}
   * @param signers {@code cask.signers.yaml}
   * @param signersHistory {@code cask.signers.history.yaml}, or null when the project has none (a signers file at
   *     version 1 may do without it; any later version cannot be verified without it)
   * @param reports report files by name ({@code verify.json}, {@code diff.md} ...)
   * @param versions what makes the bundle
   */
  public record Contents(Map<String, byte[]> toolpack, byte[] lockfile, byte[] signers, byte[] signersHistory,
      Map<String, byte[]> reports, Versions versions) {
    public Contents {
      toolpack = Map.copyOf(toolpack);
      Objects.requireNonNull(lockfile, "lockfile");
      Objects.requireNonNull(signers, "signers");
      reports = Map.copyOf(reports);
      Objects.requireNonNull(versions, "versions");
    }
  }

  private EvidenceBundle() {}

  /** The bundle's bytes; the attestation is signed by {@code key}, or unsigned when it is null. */
  public static byte[] build(Contents contents, SigningKey key) {
    TreeMap<String, byte[]> entries = new TreeMap<>();
    for (String file : EvidenceFormat.TOOLPACK_FILES) {
      byte[] bytes = contents.toolpack().get(file);
      if (bytes == null) {
        throw new CaskException("toolpack", file, "is missing", "compile the toolpack (mvn cask:compile)");
      }
      entries.put(EvidenceFormat.TOOLPACK + file, bytes);
    }
    for (String file : EvidenceFormat.OPTIONAL_TOOLPACK_FILES) {
      byte[] bytes = contents.toolpack().get(file);
      if (bytes != null) {
        entries.put(EvidenceFormat.TOOLPACK + file, bytes);
      }
    }
    entries.put(EvidenceFormat.LOCKFILE, contents.lockfile());
    entries.put(EvidenceFormat.SIGNERS, contents.signers());
    if (contents.signersHistory() != null) {
      entries.put(EvidenceFormat.SIGNERS_HISTORY, contents.signersHistory());
    }
    contents.reports().forEach((name, bytes) -> entries.put(EvidenceFormat.REPORTS + name, bytes));
    for (String name : entries.keySet()) {
      if (!EvidenceFormat.allowed(name)) {
        throw new IllegalArgumentException("not a bundle entry name: " + name);
      }
    }
    byte[] manifest = BundleManifest.of(contents.versions(), entries).toJson();
    byte[] statement = ApprovalStatement.build(entries, manifest);
    entries.put(EvidenceFormat.MANIFEST, manifest);
    entries.put(EvidenceFormat.ATTESTATION, Dsse.of(EvidenceFormat.PAYLOAD_TYPE, statement, key).toJson());
    return BundleZip.write(entries);
  }

  /** Writes the bundle whole or not at all. */
  public static void write(Path zip, Contents contents, SigningKey key) {
    Path target = zip.toAbsolutePath();
    CaskFiles.writeAtomically(target.getParent(), Map.of(target.getFileName().toString(), build(contents, key)));
  }
}
