package dev.cask.runtime.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.Ed25519Verifier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The site page "Signers" shows a signers file, the payload of its signature and its history: they must be what Cask
 * writes and reads, and the signatures must hold (so a reader can check them with openssl, as the page says).
 */
class SignersPageExampleTest {
  static final Path PAGE = Path.of("..", "src", "site", "markdown", "signers.md");

  /** The page's first three fenced blocks (signers file, payload, history). */
  static List<String> blocks(String page) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while (blocks.size() < 3 && (at = page.indexOf("\n```", at)) >= 0) {
      at++;
      int start = page.indexOf('\n', at) + 1;
      int end = page.indexOf("\n```", start);
      blocks.add(page.substring(start, end + 1));
      at = end + 4;
    }
    return blocks;
  }

  @Test
  void theExamplesAreAValidChainAndTheirPayloadIsTheSignedBytes() throws Exception {
    List<String> blocks = blocks(Files.readString(PAGE, StandardCharsets.UTF_8));
    String signersYaml = blocks.get(0);
    String payload = blocks.get(1).strip();
    String historyYaml = blocks.get(2);

    SignersFile signers = GateFiles.parseSigners(signersYaml.getBytes(StandardCharsets.UTF_8), "signers.md");
    SignersHistory history = GateFiles.parseSignersHistory(historyYaml.getBytes(StandardCharsets.UTF_8), "signers.md");
    assertThat(new String(GateFiles.signersBytes(signers), StandardCharsets.UTF_8)).isEqualTo(signersYaml);
    assertThat(new String(GateFiles.signersHistoryBytes(history), StandardCharsets.UTF_8)).isEqualTo(historyYaml);
    assertThat(history.newest()).isEqualTo(signers);
    assertThat(signers.previous()).isEqualTo(SignedPayloads.signersDigest(history.versions().get(0)));

    Approval alice = signers.approvals().get(0);
    byte[] signed = SignedPayloads.signers(SignedPayloads.signersDigest(signers), alice.reason(), alice.keyId(), alice.signedAt());
    assertThat(new String(signed, StandardCharsets.UTF_8)).isEqualTo(payload);
    byte[] key = Ed25519Keys.rawFromSpkiBase64(history.versions().get(0).signers().get("alice").publicKey());
    assertThat(Ed25519Verifier.key(key).verify(signed, Base64.getDecoder().decode(alice.signature()))).isTrue();

    // and the chain verifies, from an anchor on its version 1, as the page describes
    GateFixture fixture = new GateFixture(Files.createTempDirectory("signers-page"));
    fixture.signers = signers;
    fixture.history = history;
    fixture.clock = java.time.Clock.fixed(java.time.Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    fixture.anchors = new TrustAnchors(List.of(new TrustAnchors.Given("--trust-anchor",
        SignedPayloads.signersDigest(history.versions().get(0)))), null, true);
    VerificationReport report = fixture.verify();
    assertThat(report.errors()).as(report.failureText()).isEmpty();
    assertThat(report.signersTrust().orElseThrow().describe())
        .isEqualTo("version 2 (" + SignedPayloads.signersDigest(signers) + "), verified from version 1 pinned by --trust-anchor");
  }
}
