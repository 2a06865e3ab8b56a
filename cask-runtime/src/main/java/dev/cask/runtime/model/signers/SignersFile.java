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
 * The content of {@code cask.signers.yaml}: who may sign, how many distinct signers each risk tier needs, and the
 * signatures that approve this very content (everything but {@code approvals}).
 *
 * @param formatVersion the file format version ({@value #FORMAT_VERSION})
 * @param signers signer id → signer
 * @param requiredApprovals risk tier ({@code read}, {@code write}, {@code destructive}, {@code sensitive}) → number of
 *     distinct signers an approval needs (1-10; a missing tier needs 1)
 * @param approvals signatures over the rest of this file by signers trusted before the change
 */
public record SignersFile(
    int formatVersion,
    SortedMap<String, Signer> signers,
    SortedMap<String, Integer> requiredApprovals,
    List<Approval> approvals) {
  public static final int FORMAT_VERSION = 1;
  public static final int MAX_REQUIRED = 10;

  public SignersFile {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "unsupported signers format version " + formatVersion + " (this Cask reads version " + FORMAT_VERSION + ")");
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
    return new SignersFile(FORMAT_VERSION, signers, new TreeMap<>(), List.of());
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
    return new SignersFile(formatVersion, signers, requiredApprovals, List.of());
  }

  public SignersFile withApprovals(List<Approval> newApprovals) {
    return new SignersFile(formatVersion, signers, requiredApprovals, newApprovals);
  }

  public SignersFile withSigner(String id, Signer signer) {
    TreeMap<String, Signer> copy = new TreeMap<>(signers);
    copy.put(id, signer);
    return new SignersFile(formatVersion, copy, requiredApprovals, approvals);
  }
}
