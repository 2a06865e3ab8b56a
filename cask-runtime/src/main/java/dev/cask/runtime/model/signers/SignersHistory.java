package dev.cask.runtime.model.signers;

import dev.cask.runtime.model.Lists;
import java.util.List;

/**
 * The content of {@code cask.signers.history.yaml}: every signed version of the signers file, oldest first, each as the
 * signers file was (content and approvals). The newest is the current {@code cask.signers.yaml}. It lets anyone check,
 * without git, that each version was approved by the signers of the version before it (site page "Signers").
 *
 * @param formatVersion the file format version (that of the signers file, {@value SignersFile#FORMAT_VERSION})
 * @param versions every version, oldest first (the verifier checks numbering and links, and reports what is wrong)
 */
public record SignersHistory(int formatVersion, List<SignersFile> versions) {
  public SignersHistory {
    if (formatVersion != SignersFile.FORMAT_VERSION) {
      throw new IllegalArgumentException("unsupported signers history format version " + formatVersion
          + " (this Cask reads version " + SignersFile.FORMAT_VERSION + ")");
    }
    if (versions != null && versions.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("versions has an empty entry");
    }
    versions = Lists.copy(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions is empty: the history holds at least version 1");
    }
  }

  public static SignersHistory of(List<SignersFile> versions) {
    return new SignersHistory(SignersFile.FORMAT_VERSION, versions);
  }

  /** The newest version. */
  public SignersFile newest() {
    return versions.get(versions.size() - 1);
  }

  /** This history with its newest version replaced (a further signature on it). */
  public SignersHistory withNewest(SignersFile newest) {
    List<SignersFile> copy = new java.util.ArrayList<>(versions);
    copy.set(copy.size() - 1, newest);
    return of(copy);
  }

  /** This history with one more version. */
  public SignersHistory append(SignersFile next) {
    List<SignersFile> copy = new java.util.ArrayList<>(versions);
    copy.add(next);
    return of(copy);
  }
}
