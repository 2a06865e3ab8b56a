package dev.cask.runtime.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Base64Strict;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.Ed25519Verifier;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.FileSource;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.Problem;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.SignersTrust;
import dev.cask.runtime.verification.TrustAnchor;
import dev.cask.runtime.verification.TrustAnchors;
import dev.cask.runtime.verification.VerificationInput;
import dev.cask.runtime.verification.VerificationReport;
import dev.cask.runtime.verification.VerificationSettings;
import dev.cask.runtime.verification.VerifiedToolpack;
import dev.cask.runtime.verification.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Re-checks an evidence bundle offline, link by link, and stops at the first broken one: the zip itself, the DSSE
 * envelope, the attestation's pin on {@code manifest.json}, every entry's SHA-256 against the manifest, the envelope's
 * signatures, the in-toto statement against the bundle's own files, and finally the toolpack, lockfile, signers file
 * and its history through the runtime's {@link Verifier} (every tool digest, every approval signature, the policy and
 * the signers chain walked from the auditor's trust anchors), the same verification {@code gate-check} and
 * {@code serve} run.
 *
 * <p>Everything in a bundle can be made by whoever made the bundle, its signers file and history included: only an
 * anchor from outside it (a signers file or version digest the auditor trusts, pinned keys) says whose signatures
 * count. A bundle that holds together without one is reported as {@linkplain Result#anchored() not anchored}, never as
 * proven.
 */
public final class EvidenceVerifier {
  /**
   * What the bundle proves.
   *
   * @param checked every link checked, in order
   * @param trust why its signers file is trusted: the version the chain was walked from and the anchors that vouch for
   *     it, or none
   */
  public record Result(List<String> checked, SignersTrust trust) {
    public Result {
      checked = List.copyOf(checked);
      Objects.requireNonNull(trust, "trust");
    }

    /** Whether an anchor from outside the bundle vouches for its signers chain. */
    public boolean anchored() {
      return trust.pinned();
    }
  }

  private static final String BUNDLE_SIGNERS = EvidenceFormat.SIGNERS + " (the bundle's)";

  private final Clock clock;

  public EvidenceVerifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * A signers file the auditor trusts, as a trust anchor: the content digest of its version (what {@code --trust-anchor
   * sha256:...} pins). The bundle's chain must contain that version and is walked from it to the bundle's signers file,
   * so signers added, revoked or re-weighted since count only when the trusted signers signed those changes.
   *
   * @throws CaskException naming the file when it cannot be read or is not a signers file of this format
   */
  public static TrustAnchors.Given trustedSigners(Path file) {
    SignersFile signers = GateFiles.parseSigners(read(file), file.toString());
    return new TrustAnchors.Given("--signers " + file, SignedPayloads.signersDigest(signers));
  }

  /**
   * @param zip the bundle
   * @param anchors the auditor's trust anchors (each given one must vouch for a version of the bundle's signers chain);
   *     with none, the bundle is checked against its own signers chain and the result is not anchored
   * @return every link checked, and what vouches for the signers
   * @throws CaskException naming the first broken link, or an anchor that cannot be read
   */
  public Result verify(Path zip, TrustAnchors anchors) {
    for (TrustAnchors.Given given : anchors.given()) {
      TrustAnchor.read(given.source(), given.valueOrFile()); // an unreadable anchor is a usage error, not a broken link
    }
    List<String> checked = new ArrayList<>();
    Map<String, byte[]> entries = BundleZip.read(zip);
    for (String required : requiredEntries()) {
      if (!entries.containsKey(required)) {
        throw broken(required, "is missing from the bundle");
      }
    }
    checked.add("zip: " + entries.size() + " entries, all of them bundle files");

    Dsse envelope = envelope(entries.get(EvidenceFormat.ATTESTATION));
    JsonNode statement = statement(envelope);
    // The envelope is checked against the bundle's own signers file; the chain step below decides whether anything
    // outside the bundle vouches for that file.
    byte[] signersBytes = entries.get(EvidenceFormat.SIGNERS);

    byte[] manifestBytes = entries.get(EvidenceFormat.MANIFEST);
    String pinned = statement.at("/predicate/bundleManifest/digest/sha256").asText();
    String actualManifest = CanonicalJson.sha256Hex(manifestBytes);
    if (!actualManifest.equals(pinned)) {
      // A signed envelope tells which of the two changed; an unsigned one cannot.
      if (!envelope.signatures().isEmpty() && signatureProblem(envelope, signersBytes) != null) {
        throw broken(EvidenceFormat.ATTESTATION, signatureProblem(envelope, signersBytes));
      }
      throw broken(EvidenceFormat.MANIFEST, "its SHA-256 is " + actualManifest + " but the attestation pins " + pinned
          + (envelope.signatures().isEmpty() ? " (the attestation is unsigned, so either may have been changed)"
              : ": it was changed after the attestation was signed"));
    }
    BundleManifest manifest;
    try {
      manifest = BundleManifest.parse(manifestBytes);
    } catch (IllegalArgumentException e) {
      throw broken(EvidenceFormat.MANIFEST, e.getMessage());
    }
    checkEntries(entries, manifest);
    checked.add("manifest: " + manifest.entries().size() + " entries match their SHA-256; the attestation pins the manifest"
        + " (made by Cask " + manifest.versions().cask() + ", Java " + manifest.versions().java() + ", Maven "
        + manifest.versions().maven() + ")");

    String problem = signatureProblem(envelope, signersBytes);
    if (problem != null) {
      throw broken(EvidenceFormat.ATTESTATION, problem);
    }
    checked.add(envelope.signatures().isEmpty()
        ? "attestation: in-toto Statement v1, unsigned (its approvals are signed one by one; sign the envelope with"
            + " -Dcask.evidence.signer)"
        : "attestation: in-toto Statement v1, DSSE signature by " + signedBy(envelope, signersBytes) + " holds");

    Map<String, byte[]> files = new TreeMap<>(entries);
    files.remove(EvidenceFormat.MANIFEST);
    files.remove(EvidenceFormat.ATTESTATION);
    byte[] expected = ApprovalStatement.build(files, manifestBytes);
    if (!Arrays.equals(expected, envelope.payload())) {
      throw broken(EvidenceFormat.ATTESTATION, "its statement does not match the bundle's toolpack, lockfile and signers"
          + " files (rebuilt from them, it differs)");
    }
    checked.add("statement: subject and every approval match toolpack.yaml and cask.lock.yaml");

    VerificationReport report = gate(entries, anchors);
    VerifiedToolpack verified = report.requireVerified();
    SignersTrust trust = report.signersTrust().orElseThrow();
    checked.add("signers: " + (trust.pinned() ? trust.describe() : "version " + trust.version() + " (" + trust.digest()
        + "), as the bundle presents it: NOT ANCHORED (no --signers, --trust-anchor or " + TrustAnchors.ENV + ")"));
    checked.add("gate: " + verified.tools().size() + " approved tool(s) of " + verified.name() + " " + verified.version()
        + "; every tool digest, approval signature, the policy and the signers chain verify");
    return new Result(checked, trust);
  }

  private static List<String> requiredEntries() {
    List<String> required = new ArrayList<>(List.of(EvidenceFormat.MANIFEST, EvidenceFormat.ATTESTATION,
        EvidenceFormat.LOCKFILE, EvidenceFormat.SIGNERS));
    EvidenceFormat.TOOLPACK_FILES.forEach(file -> required.add(EvidenceFormat.TOOLPACK + file));
    return required;
  }

  private static Dsse envelope(byte[] bytes) {
    try {
      return Dsse.parse(CaskMappers.json().readTree(bytes), bytes);
    } catch (IOException | IllegalArgumentException e) {
      throw broken(EvidenceFormat.ATTESTATION, e instanceof IOException ? "is not valid JSON" : e.getMessage());
    }
  }

  /** Null when every signature is by a key the signers file trusts and holds (none at all: unsigned); else why not. */
  private static String signatureProblem(Dsse envelope, byte[] signersBytes) {
    String signersName = BUNDLE_SIGNERS;
    if (envelope.signatures().isEmpty()) {
      return null;
    }
    SignersFile signers;
    try {
      signers = GateFiles.parseSigners(signersBytes, signersName);
    } catch (CaskException e) {
      return "the signers that could check its signature are unreadable: " + e.getMessage();
    }
    byte[] pae = Dsse.pae(envelope.payloadType(), envelope.payload());
    for (Dsse.Signature signature : envelope.signatures()) {
      Optional<Entry<String, Signer>> owner = signers.ownerOf(signature.keyid());
      if (owner.isEmpty()) {
        return "it is signed with key " + signature.keyid() + ", which no signer in " + signersName + " owns";
      }
      if (owner.get().getValue().revoked()) {
        return "it is signed with key " + signature.keyid() + " of " + owner.get().getKey() + ", which " + signersName
            + " revokes";
      }
      try {
        byte[] sig = Base64Strict.decode(signature.sig(), Ed25519Verifier.SIGNATURE_LENGTH, "the envelope signature");
        if (!Ed25519Verifier.verify(Ed25519Keys.rawFromSpkiBase64(owner.get().getValue().publicKey()), pae, sig)) {
          return "the DSSE signature by " + owner.get().getKey() + " (" + signature.keyid()
              + ") does not hold: the envelope was changed after it was signed";
        }
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  private static String signedBy(Dsse envelope, byte[] signersBytes) {
    SignersFile signers = GateFiles.parseSigners(signersBytes, BUNDLE_SIGNERS);
    Set<String> by = new TreeSet<>();
    envelope.signatures().forEach(signature -> by.add(signers.ownerOf(signature.keyid()).map(Entry::getKey).orElse("?")
        + " (" + signature.keyid() + ")"));
    return String.join(", ", by);
  }

  private static JsonNode statement(Dsse envelope) {
    if (!envelope.payloadType().equals(EvidenceFormat.PAYLOAD_TYPE)) {
      throw broken(EvidenceFormat.ATTESTATION, "payload type is '" + envelope.payloadType() + "', not "
          + EvidenceFormat.PAYLOAD_TYPE);
    }
    JsonNode statement;
    try {
      statement = CaskMappers.json().readTree(envelope.payload());
    } catch (IOException e) {
      throw broken(EvidenceFormat.ATTESTATION, "its payload is not JSON");
    }
    if (statement == null || !EvidenceFormat.STATEMENT_TYPE.equals(statement.path("_type").asText())
        || !EvidenceFormat.PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
      throw broken(EvidenceFormat.ATTESTATION, "its payload is not a Cask approvals statement (in-toto Statement v1)");
    }
    return statement;
  }

  private static void checkEntries(Map<String, byte[]> entries, BundleManifest manifest) {
    for (String name : new TreeSet<>(entries.keySet())) {
      if (name.equals(EvidenceFormat.MANIFEST) || name.equals(EvidenceFormat.ATTESTATION)) {
        continue;
      }
      String listed = manifest.entries().get(name);
      if (listed == null) {
        throw broken(name, "is in the bundle but not in manifest.json");
      }
      String actual = CanonicalJson.digestBytes(entries.get(name));
      if (!actual.equals(listed)) {
        throw broken(name, "its SHA-256 is " + actual + ", manifest.json lists " + listed);
      }
    }
    for (String name : manifest.entries().keySet()) {
      if (!entries.containsKey(name)) {
        throw broken(name, "is listed in manifest.json but missing from the bundle");
      }
    }
  }

  /** The runtime's verification of the bundle's toolpack, lockfile, signers file and history; throws on any error. */
  private VerificationReport gate(Map<String, byte[]> entries, TrustAnchors anchors) {
    Path directory;
    try {
      directory = Files.createTempDirectory("cask-evidence");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      for (String file : EvidenceFormat.TOOLPACK_FILES) {
        Files.write(directory.resolve(file), entries.get(EvidenceFormat.TOOLPACK + file));
      }
      for (String file : EvidenceFormat.OPTIONAL_TOOLPACK_FILES) { // the manifest says whether it must be there
        byte[] bytes = entries.get(EvidenceFormat.TOOLPACK + file);
        if (bytes != null) {
          Files.write(directory.resolve(file), bytes);
        }
      }
      byte[] history = entries.get(EvidenceFormat.SIGNERS_HISTORY);
      VerificationReport report = new Verifier(clock, VerificationSettings.defaults()).verify(new VerificationInput(
          directory,
          FileSource.of(EvidenceFormat.LOCKFILE, entries.get(EvidenceFormat.LOCKFILE)),
          FileSource.of(EvidenceFormat.SIGNERS, entries.get(EvidenceFormat.SIGNERS)),
          history == null ? FileSource.missing(EvidenceFormat.SIGNERS_HISTORY)
              : FileSource.of(EvidenceFormat.SIGNERS_HISTORY, history),
          Baseline.none(),
          anchors.withRequired(false)));
      if (!report.passed()) {
        Problem first = report.errors().get(0);
        String line = first.line().replace(directory.toString(), "toolpack");
        if (first.code() == ReasonCode.TRUST_ANCHOR_INVALID) {
          throw new CaskException(first.subject(), null, first.reason(), first.fix());
        }
        throw broken(linkOf(first), "the gate's verification fails: " + line
            + (report.errors().size() > 1 ? " (and " + (report.errors().size() - 1) + " more problem(s))" : ""));
      }
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the toolpack", e);
    } finally {
      deleteQuietly(directory);
    }
  }

  /** The bundle entry a verification problem is about: the signers file, its history, or the lockfile and toolpack. */
  private static String linkOf(Problem problem) {
    for (String entry : List.of(EvidenceFormat.SIGNERS_HISTORY, EvidenceFormat.SIGNERS, EvidenceFormat.LOCKFILE)) {
      if (problem.subject().startsWith(entry)) {
        return entry;
      }
    }
    return EvidenceFormat.LOCKFILE + " / toolpack";
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(),
          "give the signers file you trust (--signers FILE)");
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a temporary directory: left for the system to clean
    }
  }

  private static CaskException broken(String entry, String problem) {
    return new CaskException("broken link: " + entry, null, problem, null);
  }
}
