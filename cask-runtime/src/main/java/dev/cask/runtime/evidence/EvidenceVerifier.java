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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Re-checks an evidence bundle offline, link by link, and stops at the first broken one: the zip itself, the DSSE
 * envelope and its signatures, the attestation's pin on {@code manifest.json}, every entry's SHA-256 against the
 * manifest, the in-toto statement against the bundle's own files, and finally the toolpack, lockfile and signers file
 * through the runtime's {@link Verifier} (every tool digest, every approval signature, the policy and the signers
 * file's own signatures), the same verification {@code gate-check} and {@code serve} run.
 */
public final class EvidenceVerifier {
  private final Clock clock;

  public EvidenceVerifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param zip the bundle
   * @param trustedSigners a signers file the auditor trusts (the approvals and the envelope must be signed by its
   *     signers), or null to check the bundle against its own signers file
   * @return every link checked, in order
   * @throws CaskException naming the first broken link
   */
  public List<String> verify(Path zip, Path trustedSigners) {
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
    byte[] signersBytes = trustedSigners == null ? entries.get(EvidenceFormat.SIGNERS) : read(trustedSigners);
    String signersName = trustedSigners == null ? EvidenceFormat.SIGNERS + " (the bundle's own)" : trustedSigners.toString();

    byte[] manifestBytes = entries.get(EvidenceFormat.MANIFEST);
    String pinned = statement.at("/predicate/bundleManifest/digest/sha256").asText();
    String actualManifest = CanonicalJson.sha256Hex(manifestBytes);
    if (!actualManifest.equals(pinned)) {
      // A signed envelope tells which of the two changed; an unsigned one cannot.
      if (!envelope.signatures().isEmpty() && signatureProblem(envelope, signersBytes, signersName) != null) {
        throw broken(EvidenceFormat.ATTESTATION, signatureProblem(envelope, signersBytes, signersName));
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

    String problem = signatureProblem(envelope, signersBytes, signersName);
    if (problem != null) {
      throw broken(EvidenceFormat.ATTESTATION, problem);
    }
    checked.add(envelope.signatures().isEmpty()
        ? "attestation: in-toto Statement v1, unsigned (its approvals are signed one by one; sign the envelope with"
            + " -Dcask.evidence.signer)"
        : "attestation: in-toto Statement v1, DSSE signature by " + signedBy(envelope, signersBytes, signersName) + " holds");

    Map<String, byte[]> files = new TreeMap<>(entries);
    files.remove(EvidenceFormat.MANIFEST);
    files.remove(EvidenceFormat.ATTESTATION);
    byte[] expected = ApprovalStatement.build(files, manifestBytes);
    if (!Arrays.equals(expected, envelope.payload())) {
      throw broken(EvidenceFormat.ATTESTATION, "its statement does not match the bundle's toolpack, lockfile and signers"
          + " file (rebuilt from them, it differs)");
    }
    checked.add("statement: subject and every approval match toolpack.yaml and cask.lock.yaml");

    VerifiedToolpack verified = gate(entries, signersBytes, signersName);
    checked.add("gate: " + verified.tools().size() + " approved tool(s) of " + verified.name() + " " + verified.version()
        + "; every tool digest, approval signature, the policy and the signers file verify");
    return checked;
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
  private static String signatureProblem(Dsse envelope, byte[] signersBytes, String signersName) {
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

  private static String signedBy(Dsse envelope, byte[] signersBytes, String signersName) {
    SignersFile signers = GateFiles.parseSigners(signersBytes, signersName);
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

  private VerifiedToolpack gate(Map<String, byte[]> entries, byte[] signers, String signersName) {
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
      VerificationReport report = new Verifier(clock, VerificationSettings.defaults()).verify(new VerificationInput(
          directory,
          FileSource.of(EvidenceFormat.LOCKFILE, entries.get(EvidenceFormat.LOCKFILE)),
          FileSource.of(signersName, signers),
          Baseline.none()));
      if (!report.passed()) {
        String first = report.errors().isEmpty() ? report.failureText() : report.errors().get(0).line();
        throw broken(EvidenceFormat.LOCKFILE + " / toolpack", "the gate's verification fails: "
            + first.replace(directory.toString(), "toolpack"));
      }
      return report.requireVerified();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the toolpack", e);
    } finally {
      deleteQuietly(directory);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CaskException(file.toString(), null, "cannot be read: " + e.getMessage(), "give the trusted signers file");
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
