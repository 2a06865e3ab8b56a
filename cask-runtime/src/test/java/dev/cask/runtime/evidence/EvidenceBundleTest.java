package dev.cask.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.Lockfile;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.verification.Approvals;
import dev.cask.runtime.verification.GateFixture;
import dev.cask.runtime.verification.TrustAnchors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evidence bundle end to end on a real signed toolpack (the gate's fixture: Ed25519 approvals by alice and bob, a
 * signers chain of two versions, carol added in version 2 by alice and bob): byte-identical when built twice, verified
 * offline with the signers chain walked from the auditor's anchor, and broken — naming the entry — by one changed byte
 * in any entry, signed or not, or by a re-sealed bundle whose signers chain was rewritten, cut or replaced.
 */
class EvidenceBundleTest {
  static final Clock CLOCK = Clock.fixed(GateFixture.NOW, ZoneOffset.UTC);
  static final EvidenceBundle.Versions VERSIONS = new EvidenceBundle.Versions("0.1.0-test", "17.0.15", "3.9.16");

  @TempDir Path dir;

  /** The gate's fixture with its signers rotated once: version 1 (alice, bob), version 2 adds carol. */
  static GateFixture rotated(Path project) {
    GateFixture fixture = new GateFixture(project);
    fixture.rotate(fixture.signers.withSigner("carol", GateFixture.signer("Carol Example", fixture.carol, null)),
        "alice", "bob");
    return fixture;
  }

  static EvidenceBundle.Contents contents(GateFixture fixture) throws IOException {
    Path toolpack = fixture.writeToolpack();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String file : EvidenceFormat.TOOLPACK_FILES) {
      files.put(file, Files.readAllBytes(toolpack.resolve(file)));
    }
    String history = fixture.historyYaml();
    return new EvidenceBundle.Contents(files, fixture.lockfileYaml().getBytes(StandardCharsets.UTF_8),
        fixture.signersYaml().getBytes(StandardCharsets.UTF_8),
        history == null ? null : history.getBytes(StandardCharsets.UTF_8),
        Map.of("verify.json", "{\"passed\": true}\n".getBytes(StandardCharsets.UTF_8),
            "verify.md", "## Cask verify\n".getBytes(StandardCharsets.UTF_8)),
        VERSIONS);
  }

  EvidenceBundle.Contents contents(Path project) throws IOException {
    return contents(rotated(project));
  }

  static TrustAnchors anchors(String source, String value) {
    return new TrustAnchors(List.of(new TrustAnchors.Given(source, value)), null, false);
  }

  /** Version 1 of the fixture's chain, as an auditor kept it (from the protected branch, before carol was added). */
  Path versionOneSignersFile() throws IOException {
    Path file = dir.resolve("trusted/cask.signers.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, new GateFixture(dir.resolve("v1")).signersYaml());
    return file;
  }

  @Test
  void theSameInputsGiveTheSameBytesAndTheBundleVerifies() throws IOException {
    SigningKey alice = new GateFixture(dir.resolve("keys")).alice;
    byte[] first = EvidenceBundle.build(contents(dir.resolve("a")), alice);
    byte[] second = EvidenceBundle.build(contents(dir.resolve("b")), alice);
    assertThat(second).isEqualTo(first);

    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, first);
    EvidenceVerifier.Result result = new EvidenceVerifier(CLOCK).verify(zip, TrustAnchors.none());
    List<String> checked = result.checked();
    assertThat(checked).anyMatch(line -> line.contains("DSSE signature by alice (" + alice.keyId() + ") holds"));
    assertThat(checked).anyMatch(line -> line.startsWith("gate: 4 approved tool(s) of demo 1.0.0"));
    assertThat(checked).anyMatch(line -> line.contains("made by Cask 0.1.0-test, Java 17.0.15, Maven 3.9.16"));
    // Consistent, but nothing outside the bundle vouches for its signers: said, never passed off as proven.
    assertThat(result.anchored()).isFalse();
    assertThat(checked).contains("signers: version 2 (" + rotated(dir.resolve("c")).signersDigest()
        + "), as the bundle presents it: NOT ANCHORED (no --signers, --trust-anchor or CASK_TRUST_ANCHOR)");

    Map<String, byte[]> entries = BundleZip.read(zip);
    assertThat(entries.keySet()).containsExactly("attestation.dsse.json", "cask.lock.yaml", "cask.signers.history.yaml",
        "cask.signers.yaml", "manifest.json", "reports/verify.json", "reports/verify.md", "toolpack/capture.json",
        "toolpack/policy.yaml", "toolpack/toolpack.yaml", "toolpack/tools.json");
  }

  @Test
  void theAttestationIsAnInTotoStatementWhoseSubjectIsTheToolpackManifest() throws IOException {
    byte[] zipBytes = EvidenceBundle.build(contents(dir.resolve("p")), null);
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, zipBytes);
    Map<String, byte[]> entries = BundleZip.read(zip);
    var envelope = CaskMappers.json().readTree(entries.get("attestation.dsse.json"));
    assertThat(envelope.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    assertThat(envelope.get("signatures")).isEmpty();
    var statement = CaskMappers.json().readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
    assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.at("/subject/0/name").asText()).isEqualTo("demo@1.0.0/toolpack.yaml");
    assertThat(statement.at("/subject/0/digest/sha256").asText())
        .isEqualTo(dev.cask.runtime.json.CanonicalJson.sha256Hex(entries.get("toolpack/toolpack.yaml")));
    var impersonate = java.util.stream.StreamSupport.stream(statement.at("/predicate/tools").spliterator(), false)
        .filter(tool -> tool.get("tool").asText().equals("impersonate")).findFirst().orElseThrow();
    assertThat(impersonate.get("operation").asText()).isEqualTo("POST api.example.com/v1/admin/impersonate");
    assertThat(impersonate.get("tool").asText()).isEqualTo("impersonate");
    assertThat(impersonate.get("decision").asText()).isEqualTo("approved");
    assertThat(impersonate.get("approvals")).hasSize(2);
    assertThat(impersonate.at("/approvals/0/signer").asText()).isEqualTo("alice");
    assertThat(impersonate.at("/approvals/0/keyId").asText()).startsWith("ed25519:");
    assertThat(impersonate.at("/approvals/0/signature").asText()).hasSize(88);
    assertThat(statement.at("/predicate/signersHistory/digest/sha256").asText())
        .isEqualTo(dev.cask.runtime.json.CanonicalJson.sha256Hex(entries.get("cask.signers.history.yaml")));

    List<String> checked = new EvidenceVerifier(CLOCK).verify(zip, TrustAnchors.none()).checked();
    assertThat(checked).anyMatch(line -> line.startsWith("attestation: in-toto Statement v1, unsigned"));
  }

  @Test
  void paeIsTheDsseEncoding() {
    // The DSSE protocol's own example: PAE("http://example.com/HelloWorld", "hello world").
    assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  static Stream<Arguments> everyEntry() {
    List<String> names = List.of("attestation.dsse.json", "cask.lock.yaml", "cask.signers.history.yaml",
        "cask.signers.yaml", "manifest.json", "reports/verify.json", "reports/verify.md", "toolpack/capture.json", "toolpack/policy.yaml",
        "toolpack/toolpack.yaml", "toolpack/tools.json");
    return Stream.of(true, false).flatMap(signed -> names.stream().flatMap(name ->
        Stream.of(0.0, 0.5, 0.97).map(at -> Arguments.of(name, at, signed))));
  }

  @ParameterizedTest(name = "{0} at {1} (signed {2})")
  @MethodSource("everyEntry")
  void oneChangedByteInAnyEntryBreaksTheBundleNamingIt(String entry, double at, boolean signed) throws IOException {
    SigningKey alice = new GateFixture(dir.resolve("keys")).alice;
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(dir.resolve("p")), signed ? alice : null));
    TreeMap<String, byte[]> entries = new TreeMap<>(BundleZip.read(zip));
    byte[] bytes = entries.get(entry).clone();
    int index = Math.min(bytes.length - 1, (int) (bytes.length * at));
    bytes[index] = (byte) (bytes[index] ^ 0x01);
    entries.put(entry, bytes);
    Path tampered = dir.resolve("tampered.zip");
    Files.write(tampered, BundleZip.write(entries));

    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(tampered, TrustAnchors.none()))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("broken link: " + entry);
  }

  @Test
  void aTrustedSignersFileOfAnotherChainBreaksTheBundle() throws IOException {
    GateFixture other = new GateFixture(dir.resolve("other"));
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put("mallory", GateFixture.signer("Mallory", other.mallory, null));
    other.signers = other.selfSign(SignersFile.of(people), "mallory");
    Path trusted = dir.resolve("trusted.signers.yaml");
    Files.writeString(trusted, other.signersYaml());
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(dir.resolve("p")), other.alice));

    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip,
        new TrustAnchors(List.of(EvidenceVerifier.trustedSigners(trusted)), null, false)))
        .hasMessageStartingWith("broken link: cask.signers.yaml: the gate's verification fails: [signers_anchor_mismatch]")
        .hasMessageContaining("--signers " + trusted + " pins version " + other.signersDigest());
  }

  @Test
  void theChainIsWalkedFromTheAuditorsTrustedSignersFileToTheBundles() throws IOException {
    Path zip = dir.resolve("evidence.zip");
    GateFixture fixture = rotated(dir.resolve("p"));
    Files.write(zip, EvidenceBundle.build(contents(fixture), fixture.carol));
    Path trusted = versionOneSignersFile();

    EvidenceVerifier.Result result = new EvidenceVerifier(CLOCK).verify(zip,
        new TrustAnchors(List.of(EvidenceVerifier.trustedSigners(trusted)), null, false));

    assertThat(result.anchored()).isTrue();
    assertThat(result.trust().fromVersion()).isEqualTo(1);
    // carol is not in the trusted file: her envelope signature counts because alice and bob, trusted, added her
    assertThat(result.checked()).anyMatch(line -> line.contains("DSSE signature by carol (" + fixture.carol.keyId()
        + ") holds"));
    assertThat(result.checked()).contains("signers: version 2 (" + fixture.signersDigest() + "), verified from version 1"
        + " pinned by --signers " + trusted);
  }

  @Test
  void aDigestOrAKeyFingerprintAnchorsTheBundleAsServeTakesThem() throws IOException {
    GateFixture fixture = rotated(dir.resolve("p"));
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(fixture), null));

    EvidenceVerifier.Result byDigest = new EvidenceVerifier(CLOCK).verify(zip,
        anchors("--trust-anchor", fixture.signersDigest()));
    assertThat(byDigest.anchored()).isTrue();
    assertThat(byDigest.trust().fromVersion()).isEqualTo(2);

    String bob = dev.cask.runtime.crypto.Ed25519Keys.fingerprint(fixture.bob.publicKey());
    EvidenceVerifier.Result byKey = new EvidenceVerifier(CLOCK).verify(zip, anchors("CASK_TRUST_ANCHOR", bob));
    assertThat(byKey.anchored()).isTrue();
    assertThat(byKey.trust().pinnedBy()).containsExactly("CASK_TRUST_ANCHOR");

    String carol = dev.cask.runtime.crypto.Ed25519Keys.fingerprint(fixture.carol.publicKey());
    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip, anchors("--trust-anchor", carol)))
        .as("carol signed no version: a key pin vouches only for versions its key signed")
        .hasMessageStartingWith("broken link: cask.signers.yaml: the gate's verification fails: [signers_anchor_mismatch]");
    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip, anchors("--trust-anchor", "sha256:12")))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("--trust-anchor")
        .hasMessageNotContaining("broken link");
  }

  /**
   * A bundle someone made whole with their own signers chain (mallory signs everything, the bundle is sealed afresh):
   * every link holds, so without an anchor it is only "not anchored"; the auditor's anchor refuses it.
   */
  @Test
  void aBundleMadeWithAnotherSignersChainHoldsTogetherButTheAnchorRefusesIt() throws IOException {
    GateFixture forged = new GateFixture(dir.resolve("forged"));
    TreeMap<String, Signer> people = new TreeMap<>();
    people.put("mallory", GateFixture.signer("Mallory", forged.mallory, null));
    forged.signers = forged.selfSign(SignersFile.of(people), "mallory");
    forged.lockfile = Lockfile.empty(forged.toolpackName).withSequence(1);
    forged.tools.forEach(tool -> forged.approve(tool, LockDecision.APPROVED, List.of("mallory")));
    String policy = dev.cask.runtime.json.CanonicalJson.digest(forged.policy);
    forged.lockfile = forged.lockfile.withPolicy(new PolicyLock(policy, List.of(Approvals.policy(forged.mallory,
        "mallory", forged.toolpackName, policy, "mine", GateFixture.SIGNED))));
    Path zip = dir.resolve("forged.zip");
    Files.write(zip, EvidenceBundle.build(contents(forged), forged.mallory));

    EvidenceVerifier.Result unanchored = new EvidenceVerifier(CLOCK).verify(zip, TrustAnchors.none());
    assertThat(unanchored.anchored()).isFalse();
    assertThat(unanchored.checked()).anyMatch(line -> line.contains("DSSE signature by mallory"));

    Path trusted = versionOneSignersFile();
    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip,
        new TrustAnchors(List.of(EvidenceVerifier.trustedSigners(trusted)), null, false)))
        .hasMessageStartingWith("broken link: cask.signers.yaml: the gate's verification fails: [signers_anchor_mismatch]");
  }

  static Stream<Arguments> resealedChains() {
    return Stream.of(
        Arguments.of("without the history of a version-2 signers file", (java.util.function.Consumer<GateFixture>)
            fixture -> fixture.history = null, "cask.signers.history.yaml", "signers_chain_gap"),
        Arguments.of("with version 1 of the history rewritten (mallory added)", (java.util.function.Consumer<GateFixture>)
            fixture -> {
              SignersFile first = fixture.history.versions().get(0);
              SignersFile rewritten = first.withSigner("mallory", GateFixture.signer("Mallory", fixture.mallory, null));
              fixture.history = SignersHistory.of(List.of(rewritten, fixture.history.versions().get(1)));
            }, "cask.signers.history.yaml", "signers_chain_broken"),
        Arguments.of("rolled back to signers version 1", (java.util.function.Consumer<GateFixture>)
            fixture -> fixture.signers = fixture.history.versions().get(0), "cask.signers.yaml", "signers_rollback"),
        Arguments.of("with a signer pasted into version 2 without a signature", (java.util.function.Consumer<GateFixture>)
            fixture -> fixture.signers = fixture.signers.withSigner("mallory",
                GateFixture.signer("Mallory", fixture.mallory, null)), "cask.signers.yaml", "signers_unsigned"));
  }

  /** Re-sealed: the manifest and statement are made afresh for the changed files, as anyone can for an unsigned one. */
  @ParameterizedTest(name = "a re-sealed bundle {0}")
  @MethodSource("resealedChains")
  void aResealedBundleWithABrokenSignersChainBreaksNamingTheFile(
      String what, java.util.function.Consumer<GateFixture> change, String entry, String code) throws IOException {
    GateFixture fixture = rotated(dir.resolve("p"));
    String anchor = new GateFixture(dir.resolve("v1")).signersDigest();
    change.accept(fixture);
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(fixture), null));

    for (TrustAnchors anchors : List.of(TrustAnchors.none(), anchors("--trust-anchor", anchor))) {
      assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip, anchors))
          .hasMessageStartingWith("broken link: " + entry + ": the gate's verification fails: [" + code + "]");
    }
  }

  record Run(int code, String out, String err) {}

  static Run cli(Map<String, String> env, String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = dev.cask.runtime.cli.CaskCli.run(args, null, java.io.InputStream.nullInputStream(), out,
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCommandLineExitsZeroOnlyWhenAnAnchorVouchesForTheSigners() throws IOException {
    GateFixture fixture = rotated(dir.resolve("p"));
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(fixture), null));
    String at = GateFixture.NOW.toString();

    Run unanchored = cli(Map.of(), "evidence", "verify", zip.toString(), "--at", at);
    assertThat(unanchored.code()).as(unanchored.err()).isEqualTo(8);
    assertThat(unanchored.out()).contains("gate: 4 approved tool(s) of demo 1.0.0")
        .contains("NOT ANCHORED: " + zip + " is consistent and every signature in it holds, but nothing from outside the"
            + " bundle says whose signatures count")
        .contains("(the bundle's signers are version 2, " + fixture.signersDigest() + ")")
        .doesNotContain("OK:");

    Path trusted = versionOneSignersFile();
    Run bySigners = cli(Map.of(), "evidence", "verify", zip.toString(), "--at", at, "--signers", trusted.toString());
    assertThat(bySigners.code()).as(bySigners.err()).isZero();
    assertThat(bySigners.out()).contains("verified from version 1 pinned by --signers " + trusted)
        .contains("OK: " + zip + " verifies; its signers are anchored by --signers " + trusted);

    Run byEnv = cli(Map.of("CASK_TRUST_ANCHOR", fixture.signersDigest()), "evidence", "verify", zip.toString(), "--at", at);
    assertThat(byEnv.code()).as(byEnv.err()).isZero();
    assertThat(byEnv.out()).contains("OK: " + zip + " verifies; its signers are anchored by CASK_TRUST_ANCHOR");

    // Every anchor given must hold: a matching option does not outvote a foreign environment anchor.
    String foreign = "sha256:" + "ab".repeat(32);
    Run both = cli(Map.of("CASK_TRUST_ANCHOR", foreign), "evidence", "verify", zip.toString(), "--at", at,
        "--trust-anchor", fixture.signersDigest());
    assertThat(both.code()).isEqualTo(3);
    assertThat(both.err()).contains("[signers_anchor_mismatch]").contains("CASK_TRUST_ANCHOR pins version " + foreign);

    Run notAnchor = cli(Map.of(), "evidence", "verify", zip.toString(), "--trust-anchor", "sha256:nothex");
    assertThat(notAnchor.code()).isEqualTo(3);
    assertThat(notAnchor.err()).startsWith("cask-runtime: --trust-anchor");

    Path formatOne = dir.resolve("old.signers.yaml");
    Files.writeString(formatOne, "formatVersion: 1\nsigners: {}\n");
    Run oldSigners = cli(Map.of(), "evidence", "verify", zip.toString(), "--signers", formatOne.toString());
    assertThat(oldSigners.code()).isEqualTo(3);
    assertThat(oldSigners.err()).startsWith("cask-runtime: " + formatOne).contains("formatVersion");
  }

  @Test
  void theCommandLineExitsThreeNamingTheBrokenLink() throws IOException {
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(dir.resolve("p")), null));
    TreeMap<String, byte[]> entries = new TreeMap<>(BundleZip.read(zip));
    byte[] lockfile = entries.get("cask.lock.yaml").clone();
    lockfile[lockfile.length / 2] ^= 0x01;
    entries.put("cask.lock.yaml", lockfile);
    Files.write(zip, BundleZip.write(entries));

    Run broken = cli(Map.of(), "evidence", "verify", zip.toString(), "--signers", versionOneSignersFile().toString());
    assertThat(broken.code()).isEqualTo(3);
    assertThat(broken.err()).startsWith("cask-runtime: broken link: cask.lock.yaml: its SHA-256 is");
  }
}
