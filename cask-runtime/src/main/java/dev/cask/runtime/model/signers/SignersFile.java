package dev.cask.runtime.model.signers;

import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.Names;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of {@code cask.signers.yaml}, one version of a rotation chain: who may sign, how many distinct signers
 * each risk tier needs, and the signatures that approve this very content (everything but {@code approvals}). Version
 * 1 is signed by its own signers; every later version names the digest of the version before it ({@code previous}) and
 * is signed by the signers of that version (site page "Signers").
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param version the version in the chain, 1 for the first
 * @param previous {@code sha256:} of the content of version {@code version - 1}; null for version 1
 * @param signers signer id → signer
 * @param requiredApprovals risk tier ({@code read}, {@code write}, {@code destructive}, {@code sensitive}) → number of
 *     distinct signers an approval needs (1-10; a missing tier needs 1)
 * @param approvals signatures over the rest of this file by signers trusted before the change
 */
public record SignersFile(
    int formatVersion,
    int version,
    String previous,
    SortedMap<String, Signer> signers,
    SortedMap<String, Integer> requiredApprovals,
    List<Approval> approvals) {
  public static final int FORMAT_VERSION = 2;
  public static final int MAX_REQUIRED = 10;

  public SignersFile {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported signers format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION
              + ", which keeps a rotation chain in cask.signers.history.yaml; to start one, move the file aside, run "
              + "mvn cask:keygen -Dcask.bootstrapSigners=true and add the other signers with "
              + "mvn cask:gate-allow -Dcask.approveSigners=true)");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be 1 or more");
    }
    if (version == 1 && previous != null) {
      throw new IllegalArgumentException("version 1 is the first version: it has no previous");
    }
    if (version > 1) {
      if (previous == null) {
        throw new IllegalArgumentException("version " + version + " must name the digest of version " + (version - 1)
            + " in previous");
      }
      Names.digest(previous);
    }
    signers = Lists.sortedCopy(signers);
    Map<String, String> keyOwners = new HashMap<>();
    for (Map.Entry<String, Signer> entry : signers.entrySet()) {
      Names.signer(entry.getKey());
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("signer '" + entry.getKey() + "' has no entry");
      }
      String other = keyOwners.put(entry.getValue().keyId(), entry.getKey());
      if (other != null) {
        throw new IllegalArgumentException("signers '" + other + "' and '" + entry.getKey()
            + "' have the same key: one key belongs to one signer");
      }
    }
    requiredApprovals = Lists.sortedCopy(requiredApprovals);
    for (Map.Entry<String, Integer> entry : requiredApprovals.entrySet()) {
      RiskTier.parse(entry.getKey());
      if (entry.getValue() == null || entry.getValue() < 1 || entry.getValue() > MAX_REQUIRED) {
        throw new IllegalArgumentException("requiredApprovals." + entry.getKey() + " must be 1-" + MAX_REQUIRED);
      }
    }
    approvals = Lists.copy(approvals).stream()
        .sorted(Comparator.comparing(Approval::signer).thenComparing(Approval::keyId).thenComparing(Approval::signedAt))
        .toList();
  }

  public static SignersFile of(SortedMap<String, Signer> signers) {
    return new SignersFile(FORMAT_VERSION, 1, null, signers, new TreeMap<>(), List.of());
  }

  /** The signer id and signer owning a key id. */
  public Optional<Map.Entry<String, Signer>> ownerOf(String keyId) {
    return signers.entrySet().stream().filter(e -> e.getValue().keyId().equals(keyId)).findFirst();
  }

  /** Distinct signers an approval of a tool of this tier needs. */
  public int required(RiskTier tier) {
    return requiredApprovals.getOrDefault(tier.wireName(), 1);
  }

  /** Distinct signers a change to the policy or to this file needs: the strictest tier's count. */
  public int requiredForGovernance() {
    return requiredApprovals.values().stream().max(Integer::compare).orElse(1);
  }

  /** The signed content: this file without its approvals. */
  public SignersFile content() {
    return new SignersFile(formatVersion, version, previous, signers, requiredApprovals, List.of());
  }

  public SignersFile withApprovals(List<Approval> newApprovals) {
    return new SignersFile(formatVersion, version, previous, signers, requiredApprovals, newApprovals);
  }

  public SignersFile withSigner(String id, Signer signer) {
    TreeMap<String, Signer> copy = new TreeMap<>(signers);
    copy.put(id, signer);
    return new SignersFile(formatVersion, version, previous, copy, requiredApprovals, approvals);
  }

  /**
   * The version after {@code this}: the proposal's signers and required approvals, numbered {@code version + 1}, linked
   * to this version by its content digest, not signed yet.
   */
  public SignersFile successor(SignersFile proposal, String thisDigest) {
    return new SignersFile(FORMAT_VERSION, version + 1, thisDigest, proposal.signers, proposal.requiredApprovals, List.of());
  }
}
