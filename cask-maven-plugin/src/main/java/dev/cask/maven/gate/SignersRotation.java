package dev.cask.maven.gate;

import dev.cask.maven.log.BuildLog;
import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.SignedPayloads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gate-allow -Dcask.approveSigners=true}: signs the signers file as one link of its chain. When the file differs
 * from the newest version in the history (someone pasted a signer, revoked one, changed a threshold), its content
 * becomes the next version, linked to the newest by digest and signed by this signer; when it is the newest version,
 * this signer's signature is added to it. Both files are written, the signers file first (a run cut short is completed
 * by running again). Whether the signatures suffice is the verifier's call: only signers of the version before count.
 */
final class SignersRotation {
  private SignersRotation() {}

  /** What was signed: the version, and whether it is new. */
  record Signed(int version, boolean newVersion) {}

  static Signed sign(GateSettings settings, SignersFile file, SignerIdentity me, String reason, Instant now, BuildLog log) {
    String signersName = settings.display(settings.signers());
    String historyName = settings.display(settings.signersHistory());
    FileSource source = FileSource.read(settings.signersHistory(), historyName);
    if (!source.exists()) {
      throw new CaskException(historyName, null, "does not exist, so the version of " + signersName + " that was signed "
          + "last cannot be told from an edit of it", "restore " + historyName + " from version control (mvn cask:keygen "
          + "-Dcask.bootstrapSigners=true wrote it with the first version), then sign again");
    }
    SignersHistory history = GateFiles.parseSignersHistory(source.bytes().orElseThrow(), historyName);
    SignersFile newest = history.newest();
    String newestDigest = SignedPayloads.signersDigest(newest);
    SignersFile signed;
    SignersHistory updated;
    boolean newVersion;
    if (SignedPayloads.signersDigest(file).equals(newestDigest)) {
      signed = newest.withApprovals(replaceMine(newest.approvals(), me,
          Approvals.signers(me.key(), me.id(), newest, reason, now)));
      updated = history.withNewest(signed);
      newVersion = false;
    } else if ((file.version() == newest.version() && java.util.Objects.equals(file.previous(), newest.previous()))
        || (file.version() == newest.version() + 1 && newestDigest.equals(file.previous()))) {
      SignersFile next = newest.successor(file, newestDigest);
      signed = next.withApprovals(List.of(Approvals.signers(me.key(), me.id(), next, reason, now)));
      updated = history.append(signed);
      newVersion = true;
    } else {
      throw new CaskException(signersName, null, "is version " + file.version() + ", which does not follow version "
          + newest.version() + ", the newest in " + historyName, "restore both files from version control, make the "
          + "change in " + signersName + " again and sign it");
    }
    SignersFile trustedBefore = newVersion ? newest
        : history.versions().get(Math.max(0, history.versions().size() - 2));
    if (!trustedBefore.signers().containsKey(me.id())) {
      log.warn("Signed " + signersName + " version " + signed.version() + " as " + me.id() + ", who is not a signer of "
          + "version " + trustedBefore.version() + ": this signature does not count. A signer of version "
          + trustedBefore.version() + " runs mvn cask:gate-allow -Dcask.approveSigners=true");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(settings.signers().getFileName().toString(), GateFiles.signersBytes(signed));
    files.put(settings.signersHistory().getFileName().toString(), GateFiles.signersHistoryBytes(updated));
    Path dir = settings.signers().toAbsolutePath().getParent();
    CaskFiles.writeAtomically(dir, files);
    log.info((newVersion ? "Made " : "Signed ") + signersName + " version " + signed.version() + " ("
        + SignedPayloads.signersDigest(signed) + ")" + (newVersion ? ", linked to version " + newest.version() : "")
        + "; recorded in " + historyName);
    return new Signed(signed.version(), newVersion);
  }

  private static List<Approval> replaceMine(List<Approval> approvals, SignerIdentity me, Approval mine) {
    List<Approval> result = new ArrayList<>(approvals.stream().filter(a -> !a.signer().equals(me.id())).toList());
    result.add(mine);
    return result;
  }
}
