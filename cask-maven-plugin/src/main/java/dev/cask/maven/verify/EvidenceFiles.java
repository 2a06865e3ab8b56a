package dev.cask.maven.verify;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.evidence.EvidenceBundle;
import dev.cask.runtime.evidence.EvidenceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a build's evidence for {@link EvidenceBundle}: the toolpack's files, the lockfile, the signers file and its
 * history exactly as verified, the verify reports of this run, and the diff reports when {@code cask:diff} wrote them to the same
 * directory.
 */
public final class EvidenceFiles {
  public static final String BUNDLE = "evidence.zip";
  /** Report files taken into the bundle when present (diff's are there when cask:diff ran). */
  static final List<String> DIFF_REPORTS = List.of("diff.json", "diff.md", "diff.sarif", "diff-junit.xml");

  private EvidenceFiles() {}

  /**
   * Writes {@code evidence.zip} into the reports directory and returns its path.
   *
   * @param key the key that signs the attestation's envelope, or null for an unsigned envelope
   */
  public static Path write(VerifySettings settings, Verification.Result result, EvidenceBundle.Versions versions,
      SigningKey key) {
    Map<String, byte[]> toolpack = new LinkedHashMap<>();
    for (String file : EvidenceFormat.TOOLPACK_FILES) {
      toolpack.put(file, read(settings.gate().toolpack().resolve(file)));
    }
    for (String file : EvidenceFormat.OPTIONAL_TOOLPACK_FILES) {
      Path path = settings.gate().toolpack().resolve(file);
      if (Files.isRegularFile(path)) {
        toolpack.put(file, read(path));
      }
    }
    Map<String, byte[]> reports = new LinkedHashMap<>(result.files());
    for (String report : DIFF_REPORTS) {
      Path file = settings.reports().resolve(report);
      if (Files.isRegularFile(file)) {
        reports.put(report, read(file));
      }
    }
    Path history = settings.gate().signersHistory();
    Path zip = settings.reports().resolve(BUNDLE);
    EvidenceBundle.write(zip, new EvidenceBundle.Contents(toolpack, read(settings.gate().lockfile()),
        read(settings.gate().signers()), Files.exists(history) ? read(history) : null, reports, versions), key);
    return zip;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read for the evidence bundle: " + e.getMessage(),
          "run cask:verify after cask:compile in the same build");
    }
  }
}
