package dev.cask.runtime.verification;

import java.util.List;
import java.util.Objects;

/**
 * Why the current signers file is trusted: its version and digest, the version the chain was verified from, and what
 * vouched for that version (the operator's anchors, a baseline), or nothing but the repository itself.
 *
 * @param version the current signers-file version
 * @param digest its content digest (what {@code --trust-anchor sha256:...} pins)
 * @param fromVersion the version the chain was walked from (1 when nothing outside the repository vouched for one)
 * @param pinnedBy the sources of the operator's anchors that matched ({@code --trust-anchor}, {@code CASK_TRUST_ANCHOR},
 *     an anchor file), empty when none was given
 * @param baseline the baseline signers file that vouched for {@code fromVersion}, or null
 */
public record SignersTrust(int version, String digest, int fromVersion, List<String> pinnedBy, String baseline) {
  public SignersTrust {
    Objects.requireNonNull(digest, "digest");
    pinnedBy = List.copyOf(pinnedBy);
  }

  /** Whether an operator's anchor (from outside the repository) vouches for the chain. */
  public boolean pinned() {
    return !pinnedBy.isEmpty();
  }

  /** Whether anything but the repository's own files vouches for the chain (an anchor or a baseline). */
  public boolean anchored() {
    return pinned() || baseline != null;
  }

  /** {@code version 3 (sha256:...), verified from version 2 pinned by --trust-anchor}. */
  public String describe() {
    String head = "version " + version + " (" + digest + ")";
    if (!anchored()) {
      return head + ", trusted as the repository presents it (no trust anchor)";
    }
    List<String> by = new java.util.ArrayList<>(pinnedBy);
    if (baseline != null) {
      by.add("the baseline " + baseline);
    }
    return head + ", verified from version " + fromVersion + " pinned by " + String.join(" and ", by);
  }
}
