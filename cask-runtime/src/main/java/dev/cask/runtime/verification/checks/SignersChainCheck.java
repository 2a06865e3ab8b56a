package dev.cask.runtime.verification.checks;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.TrustAnchor;
import dev.cask.runtime.verification.TrustAnchors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signers file is trusted through its rotation chain, like TUF's root metadata: version 1 is signed by its own
 * signers, every later version by as many distinct signers of the version <em>before</em> it as that version's
 * strictest tier requires, and links to it by digest. So a key added in a version can never vouch for that version:
 * only people already trusted can add, swap or revoke a key or change a threshold.
 *
 * <p>The chain is walked from the newest version something outside the repository vouches for: the operator's trust
 * anchors (a pinned version digest, or pinned keys that signed a version) and the baseline's signers file. Every anchor
 * given must vouch for some version. With none, the walk starts at version 1, which then only vouches for itself: a
 * rewritten history is not detectable, and {@link TrustAnchors#required()} makes that an error.
 */
public final class SignersChainCheck implements Check {
  @Override
  public void run(CheckContext context) {
    int before = context.problemCount();
    List<SignersFile> chain = chain(context);
    if (chain == null) {
      return;
    }
    int current = chain.size();
    List<String> digests = chain.stream().map(SignedPayloads::signersDigest).toList();

    TrustAnchors.Resolved resolved = context.chain().anchors().resolve(context.toolpack().name());
    for (CaskException invalid : resolved.invalid()) {
      context.error(ReasonCode.TRUST_ANCHOR_INVALID, invalid.subject(),
          invalid.location() == null ? invalid.problem() : invalid.location() + " " + invalid.problem(),
          invalid.fix() == null ? "correct the anchor" : invalid.fix());
    }
    List<Integer> starts = new ArrayList<>();
    List<String> pinnedBy = new ArrayList<>();
    boolean unmatched = false;
    for (TrustAnchor anchor : resolved.anchors()) {
      int version = vouchedVersion(anchor, chain, digests, context);
      if (version == 0) {
        unmatched = true;
        context.error(ReasonCode.SIGNERS_ANCHOR_MISMATCH, context.signersName(), anchor.source() + " pins "
            + anchor.describe() + ", but " + (anchor.fingerprints().isEmpty() ? "that is" : "they signed") + " none of the "
            + current + " version(s) of this signers chain (current: version " + current + ", " + digests.get(current - 1)
            + "): the file was rolled back to an older version, replaced by another chain (its history rewritten), or "
            + "belongs to another project", "restore " + context.signersName() + " and " + context.chain().historyName()
            + " from the branch you took the anchor from; if the signers changed legitimately, check who signed each new "
            + "version (mvn cask:gate-status) and then pin the current version, " + digests.get(current - 1));
      } else {
        starts.add(version);
        pinnedBy.add(anchor.source());
      }
    }
    String baselineName = null;
    Integer baselineStart = baselineStart(context, chain, digests);
    if (baselineStart != null) {
      starts.add(baselineStart);
      baselineName = context.baselines().signersName() == null ? "baseline" : context.baselines().signersName();
    }
    if (context.chain().anchors().required() && resolved.anchors().isEmpty() && resolved.invalid().isEmpty()) {
      context.error(ReasonCode.SIGNERS_NOT_ANCHORED, context.signersName(), "no trust anchor was given, so nothing "
          + "outside the repository says which signers to trust: whoever can write " + context.signersName() + " and "
          + context.chain().historyName() + " could replace them with their own key and approve any tool (this file is"
          + " version " + current + ", " + digests.get(current - 1) + ")", "pin the signers version you reviewed: "
          + "--trust-anchor sha256:<digest> (serve), -Dcask.trustAnchor=sha256:<digest> (Maven), the environment variable "
          + TrustAnchors.ENV + ", or the file ~/.cask/" + context.toolpack().name() + "/" + TrustAnchors.FILE_NAME
          + " (site page \"Signers\", deployment recipe); or, for serve only, accept the repository's signers "
          + "explicitly with --trust-repo-signers");
    }
    int from = starts.isEmpty() ? 1 : Collections.min(starts);
    if (starts.isEmpty() && !unmatched) {
      // Nothing outside the repository vouches for any version: version 1 vouches for itself.
      step(context, chain, digests, 1);
    }
    for (int version = from + 1; version <= current; version++) {
      step(context, chain, digests, version);
    }
    if (context.problemCount() == before) {
      context.trust(new SignersTrust(current, digests.get(current - 1), from, pinnedBy, baselineName));
    }
  }

  /**
   * The versions 1..N with the current file as N, or null after reporting why they do not form a chain: the history is
   * missing (beyond version 1), skips or repeats a version, has an entry that does not link to the one before it, or
   * disagrees with the current file (older: a rollback; newer: a gap; same version with other content: unsigned).
   */
  private static List<SignersFile> chain(CheckContext context) {
    SignersFile current = context.signers();
    String signersName = context.signersName();
    String historyName = context.chain().historyName();
    SignersHistory history = context.chain().history();
    if (history == null) {
      if (current.version() == 1) {
        return List.of(current);
      }
      context.error(ReasonCode.SIGNERS_CHAIN_GAP, historyName, "does not exist, but " + signersName + " is version "
          + current.version() + ": versions 1 to " + (current.version() - 1) + " and the signatures that approved them"
          + " are needed to verify it", "restore " + historyName + " from version control and commit it beside "
          + signersName);
      return null;
    }
    List<SignersFile> versions = history.versions();
    for (int i = 0; i < versions.size(); i++) {
      int version = versions.get(i).version();
      if (version > i + 1) {
        context.error(ReasonCode.SIGNERS_CHAIN_GAP, historyName, "has no version " + (i + 1) + (i == 0 ? "" : " (after"
            + " version " + i + " comes version " + version + ")") + ", so the chain cannot be followed through it",
            "restore " + historyName + " from version control");
        return null;
      }
      if (version < i + 1) {
        context.error(ReasonCode.SIGNERS_CHAIN_BROKEN, historyName + " entry " + (i + 1), "is version " + version
            + " again (versions must appear once each, oldest first)", "restore " + historyName + " from version control");
        return null;
      }
      if (i > 0) {
        String expected = SignedPayloads.signersDigest(versions.get(i - 1));
        if (!expected.equals(versions.get(i).previous())) {
          context.error(ReasonCode.SIGNERS_CHAIN_BROKEN, historyName + " version " + version, "names "
              + versions.get(i).previous() + " as its previous version, but version " + i + " as recorded has the "
              + "digest " + expected + ": an entry was edited or forged after it was signed",
              "restore " + historyName + " and " + signersName + " from version control");
          return null;
        }
      }
    }
    int newest = versions.size();
    if (current.version() < newest) {
      context.error(ReasonCode.SIGNERS_ROLLBACK, signersName, "is version " + current.version() + ", but " + historyName
          + " goes up to version " + newest + ": an older signers file is presented as the current one (keys revoked or"
          + " removed since would count again)", "restore " + signersName + " to version " + newest
          + " (the newest entry of " + historyName + ")");
      return null;
    }
    if (current.version() > newest) {
      context.error(ReasonCode.SIGNERS_CHAIN_GAP, signersName, "is version " + current.version() + ", but " + historyName
          + " goes up to version " + newest + ": the version(s) in between and their signatures are missing",
          "commit " + historyName + " as mvn cask:gate-allow -Dcask.approveSigners=true wrote it, or restore both files "
              + "from version control");
      return null;
    }
    SignersFile recorded = history.newest();
    if (!SignedPayloads.signersDigest(recorded).equals(SignedPayloads.signersDigest(current))) {
      context.error(ReasonCode.SIGNERS_UNSIGNED, signersName, "differs from version " + newest + " as signed in "
          + historyName + ": a change (a pasted signer, a revocation, a new threshold) that nobody has signed as version "
          + (newest + 1) + " yet", "a signer of version " + newest + " runs mvn cask:gate-allow -Dcask.approveSigners=true");
      return null;
    }
    if (!recorded.approvals().equals(current.approvals())) {
      context.error(ReasonCode.SIGNERS_CHAIN_BROKEN, signersName, "has other approvals than version " + newest + " in "
          + historyName + " (the two must be identical)", "restore both files as mvn cask:gate-allow "
          + "-Dcask.approveSigners=true wrote them");
      return null;
    }
    return versions;
  }

  /**
   * The newest version {@code anchor} vouches for (1-based), or 0: a version whose digest it pins, or one whose own
   * step holds (signed by enough signers of the version before, or of version 1 itself) with at least
   * {@code threshold} of the pinned keys among those signers.
   */
  private static int vouchedVersion(TrustAnchor anchor, List<SignersFile> chain, List<String> digests, CheckContext context) {
    for (int version = chain.size(); version >= 1; version--) {
      if (anchor.digests().contains(digests.get(version - 1))) {
        return version;
      }
      if (!anchor.fingerprints().isEmpty()) {
        SignersFile trusted = chain.get(Math.max(0, version - 2));
        List<String> valid = validSigners(context, trusted, chain.get(version - 1), digests.get(version - 1), failure -> {});
        Set<String> pinned = new TreeSet<>();
        for (String id : valid) {
          String fingerprint = fingerprint(trusted.signers().get(id));
          if (anchor.fingerprints().contains(fingerprint)) {
            pinned.add(fingerprint);
          }
        }
        // a pin names whose word counts, never how many: the version must also meet the chain's own threshold
        if (pinned.size() >= anchor.threshold() && valid.size() >= trusted.requiredForGovernance()) {
          return version;
        }
      }
    }
    return 0;
  }

  /** The baseline's version when it is in this chain (the walk may start there), else null (reported if wrong). */
  private static Integer baselineStart(CheckContext context, List<SignersFile> chain, List<String> digests) {
    CheckContext.Baselines baselines = context.baselines();
    if (!baselines.signersConfigured()) {
      return null;
    }
    if (baselines.signers() == null) {
      context.warn(ReasonCode.SIGNERS_BOOTSTRAPPED, context.signersName(),
          "the file does not exist in the baseline, so its version 1 is trusted on its own signatures: check who is in it",
          "review the signers and their keys in this change");
      return null;
    }
    String name = baselines.signersName() == null ? "the baseline" : baselines.signersName();
    SignersFile baseline = baselines.signers();
    int version = baseline.version();
    int current = chain.size();
    if (version > current) {
      context.error(ReasonCode.SIGNERS_ROLLBACK, context.signersName(), "is version " + current + ", older than version "
          + version + " in " + name + ": an older signers file is presented as the current one",
          "start from the baseline's " + context.signersName() + " and " + context.chain().historyName()
              + "; change signers only with mvn cask:gate-allow -Dcask.approveSigners=true");
      return null;
    }
    String digest = SignedPayloads.signersDigest(baseline);
    if (digest.equals(digests.get(version - 1))) {
      return version;
    }
    if (version == current) {
      context.error(ReasonCode.SIGNERS_UNSIGNED, context.signersName(), "differs from version " + version + " in " + name
          + " but has the same version: a change that was not signed as version " + (version + 1) + " by signers "
          + "trusted in the baseline", Fixes.SIGNERS);
    } else {
      context.error(ReasonCode.SIGNERS_CHAIN_BROKEN, context.chain().historyName() + " version " + version, "differs from"
          + " version " + version + " in " + name + " (" + digest + "): the history was rewritten",
          "restore " + context.signersName() + " and " + context.chain().historyName() + " from the baseline, then make "
              + "the change with mvn cask:gate-allow -Dcask.approveSigners=true");
    }
    return null;
  }

  /**
   * Checks that version {@code version} is signed by enough distinct signers of the version before it (version 1: of
   * its own), and reports it otherwise.
   */
  private static void step(CheckContext context, List<SignersFile> chain, List<String> digests, int version) {
    SignersFile trusted = chain.get(Math.max(0, version - 2));
    List<String> failures = new ArrayList<>();
    List<String> valid = validSigners(context, trusted, chain.get(version - 1), digests.get(version - 1),
        failure -> failures.add(failure.code().wireName() + ": " + failure.reason()));
    int required = trusted.requiredForGovernance();
    if (valid.size() >= required) {
      return;
    }
    int current = chain.size();
    String subject = version == current ? context.signersName() : context.chain().historyName() + " version " + version;
    String by = version == 1 ? "of its own signers (nothing outside the repository vouches for version 1)"
        : "signers of version " + (version - 1);
    String reason = "version " + version + " is signed by " + valid.size() + " of the " + required + " distinct " + by
        + " it needs" + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")");
    String fix;
    if (version == current) {
      fix = version == 1 ? "a signer in it runs mvn cask:gate-allow -Dcask.approveSigners=true"
          : "a signer of version " + (version - 1) + " runs mvn cask:gate-allow -Dcask.approveSigners=true (a key added "
              + "in version " + version + " cannot vouch for it)";
    } else {
      fix = "restore " + context.signersName() + " and " + context.chain().historyName() + " from version control; if a "
          + "key that signed version " + version + " has expired or been revoked since, check the chain and pin a newer "
          + "version instead (site page \"Signers\")";
    }
    context.error(ReasonCode.SIGNERS_UNSIGNED, subject, reason, fix);
  }

  private static List<String> validSigners(
      CheckContext context, SignersFile trusted, SignersFile target, String digest,
      java.util.function.Consumer<ApprovalValidator.Failure> failures) {
    ApprovalValidator validator = new ApprovalValidator(trusted, context.now(), context.settings().clockSkew());
    return validator.validSigners(target.approvals(),
        approval -> SignedPayloads.signers(digest, approval.reason(), approval.keyId(), approval.signedAt()), failures);
  }

  private static String fingerprint(Signer signer) {
    try {
      return Ed25519Keys.fingerprint(Ed25519Keys.rawFromSpkiBase64(signer.publicKey()));
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
