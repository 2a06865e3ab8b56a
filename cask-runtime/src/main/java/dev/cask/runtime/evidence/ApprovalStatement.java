package dev.cask.runtime.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockEntry;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.toolpack.ToolpackManifest;
import dev.cask.runtime.verification.GateFiles;
import java.util.List;
import java.util.Map;

/**
 * The approvals of a release as an in-toto Statement v1: the subject is the toolpack (its manifest
 * {@code toolpack.yaml}, which pins every toolpack file by SHA-256); the predicate is every decision of the lockfile
 * with its signers, key ids, times, reasons and signatures, the approved policy, and the digests of the lockfile, the
 * signers file, its history (when the bundle has one) and the bundle's manifest. It is built from the bundle's files
 * alone, so a verifier rebuilds it and compares bytes (RFC 8785 canonical JSON).
 */
final class ApprovalStatement {
  private ApprovalStatement() {}

  /** @param entries the bundle's entries (without manifest and attestation) */
  static byte[] build(Map<String, byte[]> entries, byte[] bundleManifest) {
    byte[] manifestBytes = require(entries, EvidenceFormat.TOOLPACK_MANIFEST);
    ToolpackManifest manifest = CaskFiles.parse(CaskMappers.yaml(), manifestBytes, EvidenceFormat.TOOLPACK_MANIFEST,
        ToolpackManifest.class, null);
    byte[] lockfileBytes = require(entries, EvidenceFormat.LOCKFILE);
    Lockfile lockfile = GateFiles.parseLockfile(lockfileBytes, EvidenceFormat.LOCKFILE);

    ObjectNode statement = JsonNodeFactory.instance.objectNode();
    statement.put("_type", EvidenceFormat.STATEMENT_TYPE);
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", manifest.name() + "@" + manifest.version() + "/toolpack.yaml");
    digest(subject, manifestBytes);
    statement.put("predicateType", EvidenceFormat.PREDICATE_TYPE);
    ObjectNode predicate = statement.putObject("predicate");
    predicate.putObject("toolpack").put("name", manifest.name()).put("version", manifest.version());
    digest(predicate.putObject("lockfile").put("sequence", lockfile.sequence()), lockfileBytes);
    digest(predicate.putObject("signersFile"), require(entries, EvidenceFormat.SIGNERS));
    byte[] history = entries.get(EvidenceFormat.SIGNERS_HISTORY);
    if (history != null) {
      digest(predicate.putObject("signersHistory"), history);
    }
    digest(predicate.putObject("bundleManifest"), bundleManifest);
    if (lockfile.policy() != null) {
      ObjectNode policy = predicate.putObject("policy");
      policy.put("digest", lockfile.policy().digest());
      if (lockfile.policy().toolsets() != null) {
        policy.put("toolsets", lockfile.policy().toolsets()); // signed with the policy: toolsets.yaml's digest
      }
      approvals(policy.putArray("approvals"), lockfile.policy().approvals());
    }
    ArrayNode tools = predicate.putArray("tools");
    for (Map.Entry<String, LockEntry> entry : lockfile.operations().entrySet()) {
      LockEntry decision = entry.getValue();
      ObjectNode tool = tools.addObject();
      tool.put("tool", decision.tool());
      tool.put("operation", entry.getKey());
      tool.put("digest", decision.digest());
      tool.put("risk", decision.risk().wireName());
      tool.put("decision", decision.decision().wireName());
      approvals(tool.putArray("approvals"), decision.approvals());
    }
    return CanonicalJson.canonicalBytes(statement);
  }

  private static void approvals(ArrayNode list, List<Approval> approvals) {
    for (Approval approval : approvals) {
      list.addObject().put("signer", approval.signer()).put("keyId", approval.keyId()).put("signedAt", approval.signedAt())
          .put("reason", approval.reason()).put("signature", approval.signature());
    }
  }

  private static ObjectNode digest(ObjectNode node, byte[] bytes) {
    node.putObject("digest").put("sha256", CanonicalJson.sha256Hex(bytes));
    return node;
  }

  private static byte[] require(Map<String, byte[]> entries, String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new dev.cask.runtime.CaskException(name, null, "is missing from the evidence bundle", null);
    }
    return bytes;
  }
}
