package dev.cask.maven.gate;

import static dev.cask.maven.gate.GateProject.approve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.decision.SignerIdentity;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import dev.cask.runtime.verification.GateFiles;
import dev.cask.runtime.verification.ReasonCode;
import dev.cask.runtime.verification.SignedPayloads;
import dev.cask.runtime.verification.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's side of the signers chain: keygen and gate-allow write chain entries, and gate-check with a trust anchor
 * refuses a contributor who adds their own key and signs with it (issue 10, finding 2), whether they extend the chain
 * or replace it. Real keys, files and Ed25519 signatures.
 */
class SignersChainGateTest {
  @TempDir Path tmp;
  GateProject p;

  @BeforeEach
  void setUp() {
    p = new GateProject(tmp.resolve("project"), tmp.resolve("keys"));
    p.bootstrap("alice");
    p.decide("alice", approve(List.of("impersonate"), Set.of(), true, false, false).withAll());
  }

  SignersFile signers() throws Exception {
    return GateFiles.parseSigners(Files.readAllBytes(p.settings.signers()), "s");
  }

  SignersHistory history() throws Exception {
    return GateFiles.parseSignersHistory(Files.readAllBytes(p.settings.signersHistory()), "h");
  }

  GateSettings anchored(String value) {
    return p.settings.withAnchors(TrustAnchors.of("-Dcask.trustAnchor", value, Map.of(), null, false));
  }

  @Test
  void keygenStartsTheChainAndSaysWhatToPin() throws Exception {
    SignersFile first = signers();
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.previous()).isNull();
    assertThat(history().versions()).containsExactly(first);
    assertThat(p.read("cask.signers.history.yaml")).startsWith("# Cask signers history: every signed version of the "
        + "signers file, oldest first; the newest is the current one.\n");
    assertThat(p.info).contains("Key fingerprint " + Ed25519Keys.fingerprint(p.key("alice").publicKey())
        + " (what an operator pins with --trust-anchor or -Dcask.trustAnchor)");
    assertThat(p.info).anyMatch(line -> line.startsWith("Created cask.signers.yaml (version 1, "
        + SignedPayloads.signersDigest(first) + ") with alice as its first signer, and its history "
        + "cask.signers.history.yaml; commit both"));

    Files.delete(p.settings.signers());
    assertThatThrownBy(p::bootstrapAgain).isInstanceOf(CaskException.class)
        .hasMessageStartingWith("cask.signers.history.yaml: already exists, so -Dcask.bootstrapSigners=true would replace the trusted signers");
  }

  @Test
  void approveSignersAppendsLinkedVersionsAndCoSignsTheNewest() throws Exception {
    String v1 = SignedPayloads.signersDigest(signers());
    p.addSigner("bob");
    p.decide("alice", approve(List.of(), Set.of(), false, true, false));
    SignersFile v2 = signers();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.previous()).isEqualTo(v1);
    assertThat(v2.signers()).containsOnlyKeys("alice", "bob");
    assertThat(v2.approvals()).extracting(a -> a.signer()).containsExactly("alice");
    assertThat(history().versions()).extracting(SignersFile::version).containsExactly(1, 2);
    assertThat(history().newest()).isEqualTo(v2);
    assertThat(p.info).anyMatch(l -> l.startsWith("Made cask.signers.yaml version 2 (sha256:") && l.endsWith(
        "linked to version 1; recorded in cask.signers.history.yaml"));

    // bob co-signs version 2 (it does not count: he was not in version 1), then both revoke... nobody: alice revokes bob
    p.decide("bob", approve(List.of(), Set.of(), false, true, false));
    assertThat(signers().version()).isEqualTo(2);
    assertThat(signers().approvals()).extracting(a -> a.signer()).containsExactly("alice", "bob");
    p.editSigners(s -> s.withSigner("bob", s.signers().get("bob").withRevoked(true)));
    assertThat(p.check().errors()).singleElement().satisfies(problem -> {
      assertThat(problem.code()).isEqualTo(ReasonCode.SIGNERS_UNSIGNED);
      assertThat(problem.reason()).startsWith("differs from version 2 as signed in cask.signers.history.yaml");
    });
    p.decide("alice", approve(List.of(), Set.of(), false, true, false));
    assertThat(signers().version()).isEqualTo(3);
    assertThat(signers().signers().get("bob").revoked()).isTrue();
    assertThat(history().versions()).extracting(SignersFile::version).containsExactly(1, 2, 3);

    // the whole chain verifies from the anchor on version 1
    var report = new GateCheck(p.clock, p.log).verify(anchored(v1));
    assertThat(report.errors()).as(report.failureText()).isEmpty();
    assertThat(report.signersTrust().orElseThrow().describe()).isEqualTo("version 3 (" + SignedPayloads.signersDigest(signers())
        + "), verified from version 1 pinned by -Dcask.trustAnchor");
    assertThat(StatusTable.lines(report)).contains("signers: " + report.signersTrust().orElseThrow().describe());
  }

  @Test
  void aContributorWhoAddsAndSignsTheirOwnKeyFailsGateCheckWithAnAnchor() throws Exception {
    String reviewed = SignedPayloads.signersDigest(signers());
    p.addSigner("mallory");
    p.decide("mallory", approve(List.of(), Set.of(), false, true, false));
    assertThat(p.warnings).anySatisfy(w -> assertThat(w).startsWith("Signed cask.signers.yaml version 2 as mallory, who is "
        + "not a signer of version 1: this signature does not count"));

    for (GateSettings settings : List.of(anchored(reviewed),
        anchored(Ed25519Keys.fingerprint(p.key("alice").publicKey())), p.settings)) {
      assertThatThrownBy(() -> new GateCheck(p.clock, p.log).run(settings)).isInstanceOf(CaskException.class)
          .hasMessageContaining("[signers_unsigned] cask.signers.yaml: version 2 is signed by 0 of the 1 distinct signers of "
              + "version 1 it needs (signer_unknown: the approval by mallory uses key " + p.key("mallory").keyId());
    }
  }

  @Test
  void aReplacedChainPassesOnlyWithoutAnAnchorAndWithAWarning() throws Exception {
    String reviewed = SignedPayloads.signersDigest(signers());
    // mallory throws away the chain and starts her own, then approves everything with her key
    Files.delete(p.settings.signers());
    Files.delete(p.settings.signersHistory());
    Files.delete(p.settings.lockfile());
    new Keygen(p.clock, p.log).run(p.settings, tmp.resolve("mallory-keys"), "mallory", "Mallory", null,
        "test passphrase".toCharArray(), true);
    new GateDecisions(p.clock, p.log, Prompt.none()).run(p.settings,
        approve(List.of("impersonate"), Set.of(), true, false, false).withAll(),
        s -> SignerIdentity.load(tmp.resolve("mallory-keys"), "mallory", p.project, s, "cask.signers.yaml", GateProject.PASS));

    p.warnings.clear();
    assertThat(new GateCheck(p.clock, p.log).run(p.settings).tools()).as("the documented blind spot").hasSize(4);
    assertThat(p.warnings).singleElement().asString().contains("cannot detect signer additions (someone replacing "
        + "cask.signers.yaml and cask.signers.history.yaml with a chain of their own that adds their key)");

    assertThatThrownBy(() -> new GateCheck(p.clock, p.log).run(anchored(reviewed)))
        .hasMessageContaining("[signers_anchor_mismatch] cask.signers.yaml: -Dcask.trustAnchor pins version " + reviewed
            + ", but that is none of the 1 version(s) of this signers chain");
    assertThatThrownBy(() -> new GateCheck(p.clock, p.log).run(anchored(Ed25519Keys.fingerprint(p.key("alice").publicKey()))))
        .hasMessageContaining("[signers_anchor_mismatch]");
    GateSettings required = p.settings.withAnchors(TrustAnchors.of("-Dcask.trustAnchor", null, Map.of(), null, true));
    assertThatThrownBy(() -> new GateCheck(p.clock, p.log).run(required))
        .hasMessageContaining("[signers_not_anchored] cask.signers.yaml: no trust anchor was given");
    GateSettings fromEnv = p.settings.withAnchors(TrustAnchors.of("-Dcask.trustAnchor", null,
        Map.of("CASK_TRUST_ANCHOR", reviewed), null, true));
    assertThatThrownBy(() -> new GateCheck(p.clock, p.log).run(fromEnv))
        .hasMessageContaining("[signers_anchor_mismatch] cask.signers.yaml: CASK_TRUST_ANCHOR pins version " + reviewed);
  }

  @Test
  void withAnAnchorGateCheckDoesNotWarnAboutSigners() throws Exception {
    String reviewed = SignedPayloads.signersDigest(signers());
    p.warnings.clear();
    new GateCheck(p.clock, p.log).run(anchored(reviewed));
    assertThat(p.warnings).singleElement().asString()
        .startsWith("cask:gate-check has no baseline lockfile, so it cannot detect lockfile rollbacks and deleted blocks");
    assertThat(p.info).contains("Cask gate: signers version 1 (" + reviewed + "), verified from version 1 pinned by "
        + "-Dcask.trustAnchor");
    assertThat(new String(Files.readAllBytes(p.settings.signersHistory()), StandardCharsets.UTF_8)).contains("version: 1");
  }
}
