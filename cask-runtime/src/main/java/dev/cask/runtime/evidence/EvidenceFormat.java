package dev.cask.runtime.evidence;

import java.util.List;

/** Entry names and type URIs of the evidence bundle (site page "Evidence"). */
public final class EvidenceFormat {
  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST = "manifest.json";
  public static final String ATTESTATION = "attestation.dsse.json";
  public static final String LOCKFILE = "cask.lock.yaml";
  public static final String SIGNERS = "cask.signers.yaml";
  /**
   * Every signed version of the signers file ({@code cask.signers.history.yaml}), which the verifier walks from the
   * auditor's trust anchor to the bundle's signers file; absent only when that file is version 1 without a history.
   */
  public static final String SIGNERS_HISTORY = "cask.signers.history.yaml";
  /** The toolpack's files ({@code toolpack.yaml}, {@code tools.json}, {@code policy.yaml}, {@code capture.json}). */
  public static final String TOOLPACK = "toolpack/";
  /** The build's reports ({@code verify.json}, {@code diff.md} ...). */
  public static final String REPORTS = "reports/";
  public static final String TOOLPACK_MANIFEST = TOOLPACK + "toolpack.yaml";
  public static final List<String> TOOLPACK_FILES = List.of("toolpack.yaml", "tools.json", "policy.yaml", "capture.json");
  /** Toolpack files a toolpack may lack (compiled before they existed); when its manifest lists one, the bundle has it. */
  public static final List<String> OPTIONAL_TOOLPACK_FILES = List.of("toolsets.yaml");

  /** DSSE payload type of an in-toto statement. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://cask.dev/attestation/approvals/v1";

  /** The largest bundle entry read, uncompressed. */
  static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;
  static final int MAX_ENTRIES = 1000;

  private EvidenceFormat() {}

  /** Whether a name may appear in a bundle. */
  static boolean allowed(String name) {
    if (name.equals(MANIFEST) || name.equals(ATTESTATION) || name.equals(LOCKFILE) || name.equals(SIGNERS)
        || name.equals(SIGNERS_HISTORY)) {
      return true;
    }
    if (name.startsWith(TOOLPACK)) {
      String file = name.substring(TOOLPACK.length());
      return TOOLPACK_FILES.contains(file) || OPTIONAL_TOOLPACK_FILES.contains(file);
    }
    return name.startsWith(REPORTS) && name.length() > REPORTS.length()
        && name.substring(REPORTS.length()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  }
}
