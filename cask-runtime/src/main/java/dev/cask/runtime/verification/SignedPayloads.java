package dev.cask.runtime.verification;

import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.signers.SignersFile;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact bytes each Ed25519 signature covers: the RFC 8785 canonical JSON (sorted keys, no whitespace, UTF-8) of a
 * flat object. Signer and verifier build them here and nowhere else. The {@code purpose} member separates the three
 * kinds, so a signature made for one can never be replayed as another. The site page "Lockfile" shows each payload.
 */
public final class SignedPayloads {
  public static final String TOOL_PURPOSE = "cask.tool-approval";
  public static final String POLICY_PURPOSE = "cask.policy-approval";
  public static final String SIGNERS_PURPOSE = "cask.signers-approval";

  private SignedPayloads() {}

  /** A decision about one tool: approving or blocking exactly this definition of this operation in this toolpack. */
  public static byte[] tool(
      String toolpack, String operation, String toolDigest, LockDecision decision, String reason, String keyId, String signedAt) {
    Map<String, Object> payload = new TreeMap<>();
    payload.put("purpose", TOOL_PURPOSE);
    payload.put("formatVersion", Lockfile.FORMAT_VERSION);
    payload.put("toolpack", toolpack);
    payload.put("operation", operation);
    payload.put("toolDigest", toolDigest);
    payload.put("decision", decision.wireName());
    payload.put("reason", reason);
    payload.put("keyId", keyId);
    payload.put("signedAt", signedAt);
    return CanonicalJson.canonicalBytes(payload);
  }

  /** Approving exactly this policy (canonical-JSON digest of the parsed policy) for a toolpack without toolsets. */
  public static byte[] policy(String toolpack, String policyDigest, String reason, String keyId, String signedAt) {
    return policy(toolpack, policyDigest, null, reason, keyId, signedAt);
  }

  /**
   * Approving exactly this policy and these toolsets (canonical-JSON digests of the parsed files) for this toolpack;
   * {@code toolsetsDigest} null for a toolpack without toolsets (the member is then absent).
   */
  public static byte[] policy(
      String toolpack, String policyDigest, String toolsetsDigest, String reason, String keyId, String signedAt) {
    Map<String, Object> payload = new TreeMap<>();
    payload.put("purpose", POLICY_PURPOSE);
    payload.put("formatVersion", Lockfile.FORMAT_VERSION);
    payload.put("toolpack", toolpack);
    payload.put("policyDigest", policyDigest);
    if (toolsetsDigest != null) {
      payload.put("toolsetsDigest", toolsetsDigest);
    }
    payload.put("decision", "approved");
    payload.put("reason", reason);
    payload.put("keyId", keyId);
    payload.put("signedAt", signedAt);
    return CanonicalJson.canonicalBytes(payload);
  }

  /** Approving exactly this signers file content (everything but its approvals). */
  public static byte[] signers(String signersDigest, String reason, String keyId, String signedAt) {
    Map<String, Object> payload = new TreeMap<>();
    payload.put("purpose", SIGNERS_PURPOSE);
    payload.put("formatVersion", SignersFile.FORMAT_VERSION);
    payload.put("signersDigest", signersDigest);
    payload.put("reason", reason);
    payload.put("keyId", keyId);
    payload.put("signedAt", signedAt);
    return CanonicalJson.canonicalBytes(payload);
  }

  /** {@code sha256:} of the canonical JSON of the signers file without its approvals. */
  public static String signersDigest(SignersFile file) {
    return CanonicalJson.digest(file.content());
  }
}
