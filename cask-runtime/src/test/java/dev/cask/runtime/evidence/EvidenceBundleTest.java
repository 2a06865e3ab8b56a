package dev.cask.runtime.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.verification.GateFixture;
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
 * The evidence bundle end to end on a real signed toolpack (the gate's fixture: Ed25519 approvals by alice and bob):
 * byte-identical when built twice, verified offline, and broken — naming the entry — by one changed byte in any
 * entry, signed or not.
 */
class EvidenceBundleTest {
  static final Clock CLOCK = Clock.fixed(GateFixture.NOW, ZoneOffset.UTC);
  static final EvidenceBundle.Versions VERSIONS = new EvidenceBundle.Versions("0.1.0-test", "17.0.15", "3.9.16");

  @TempDir Path dir;

  EvidenceBundle.Contents contents(Path project) throws IOException {
    GateFixture fixture = new GateFixture(project);
    Path toolpack = fixture.writeToolpack();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String file : EvidenceFormat.TOOLPACK_FILES) {
      files.put(file, Files.readAllBytes(toolpack.resolve(file)));
    }
    return new EvidenceBundle.Contents(files, fixture.lockfileYaml().getBytes(StandardCharsets.UTF_8),
        fixture.signersYaml().getBytes(StandardCharsets.UTF_8),
        Map.of("verify.json", "{\"passed\": true}\n".getBytes(StandardCharsets.UTF_8),
            "verify.md", "## Cask verify\n".getBytes(StandardCharsets.UTF_8)),
        VERSIONS);
  }

  @Test
  void theSameInputsGiveTheSameBytesAndTheBundleVerifies() throws IOException {
    SigningKey alice = new GateFixture(dir.resolve("keys")).alice;
    byte[] first = EvidenceBundle.build(contents(dir.resolve("a")), alice);
    byte[] second = EvidenceBundle.build(contents(dir.resolve("b")), alice);
    assertThat(second).isEqualTo(first);

    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, first);
    List<String> checked = new EvidenceVerifier(CLOCK).verify(zip, null);
    assertThat(checked).anyMatch(line -> line.contains("DSSE signature by alice (" + alice.keyId() + ") holds"));
    assertThat(checked).anyMatch(line -> line.startsWith("gate: 4 approved tool(s) of demo 1.0.0"));
    assertThat(checked).anyMatch(line -> line.contains("made by Cask 0.1.0-test, Java 17.0.15, Maven 3.9.16"));

    Map<String, byte[]> entries = BundleZip.read(zip);
    assertThat(entries.keySet()).containsExactly("attestation.dsse.json", "cask.lock.yaml", "cask.signers.yaml",
        "manifest.json", "reports/verify.json", "reports/verify.md", "toolpack/capture.json", "toolpack/policy.yaml",
        "toolpack/toolpack.yaml", "toolpack/tools.json");
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

    List<String> checked = new EvidenceVerifier(CLOCK).verify(zip, null);
    assertThat(checked).anyMatch(line -> line.startsWith("attestation: in-toto Statement v1, unsigned"));
  }

  @Test
  void paeIsTheDsseEncoding() {
    // The DSSE protocol's own example: PAE("http://example.com/HelloWorld", "hello world").
    assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  static Stream<Arguments> everyEntry() {
    List<String> names = List.of("attestation.dsse.json", "cask.lock.yaml", "cask.signers.yaml", "manifest.json",
        "reports/verify.json", "reports/verify.md", "toolpack/capture.json", "toolpack/policy.yaml",
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

    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(tampered, null))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("broken link: " + entry);
  }

  @Test
  void aTrustedSignersFileWithoutTheApproversBreaksTheBundle() throws IOException {
    GateFixture other = new GateFixture(dir.resolve("other"));
    java.util.TreeMap<String, dev.cask.runtime.model.signers.Signer> people = new java.util.TreeMap<>();
    people.put("mallory", GateFixture.signer("Mallory", other.mallory, null));
    other.signers = other.selfSign(new dev.cask.runtime.model.signers.SignersFile(1, people, new TreeMap<>(), List.of()),
        "mallory");
    Path trusted = dir.resolve("trusted.signers.yaml");
    Files.writeString(trusted, other.signersYaml());
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(dir.resolve("p")), other.alice));

    assertThatThrownBy(() -> new EvidenceVerifier(CLOCK).verify(zip, trusted))
        .hasMessageStartingWith("broken link: attestation.dsse.json")
        .hasMessageContaining("which no signer in " + trusted + " owns");
  }

  @Test
  void theCommandLinePrintsEachLinkOrExitsThreeNamingTheBrokenOne() throws IOException {
    Path zip = dir.resolve("evidence.zip");
    Files.write(zip, EvidenceBundle.build(contents(dir.resolve("p")), null));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = dev.cask.runtime.cli.CaskCli.run(new String[] {"evidence", "verify", zip.toString(), "--at",
        GateFixture.NOW.toString()}, null, java.io.InputStream.nullInputStream(), out,
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate: 4 approved tool(s) of demo 1.0.0")
        .contains("OK: " + zip + " verifies against its own signers file");

    TreeMap<String, byte[]> entries = new TreeMap<>(BundleZip.read(zip));
    byte[] lockfile = entries.get("cask.lock.yaml").clone();
    lockfile[lockfile.length / 2] ^= 0x01;
    entries.put("cask.lock.yaml", lockfile);
    Files.write(zip, BundleZip.write(entries));
    err.reset();
    code = dev.cask.runtime.cli.CaskCli.run(new String[] {"evidence", "verify", zip.toString()}, null,
        java.io.InputStream.nullInputStream(), new java.io.ByteArrayOutputStream(),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    assertThat(code).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cask-runtime: broken link: cask.lock.yaml: its SHA-256 is");
  }
}
