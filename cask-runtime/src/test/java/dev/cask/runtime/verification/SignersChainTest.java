package dev.cask.runtime.verification;

import static dev.cask.runtime.verification.ReasonCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.lockfile.Approval;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.model.lockfile.PolicyLock;
import dev.cask.runtime.model.policy.Effect;
import dev.cask.runtime.model.policy.Match;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.policy.PolicyRule;
import dev.cask.runtime.model.signers.Signer;
import dev.cask.runtime.model.signers.SignersFile;
import dev.cask.runtime.model.signers.SignersHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signers file's rotation chain and the operator's trust anchors, with real Ed25519 signatures: every version must
 * be signed by a threshold of the version before it, walked from what an anchor outside the repository vouches for.
 * Starts from {@link GateFixture}: alice and bob, sensitive tools (and so every signers change) need both.
 */
class SignersChainTest {
  @TempDir Path dir;

  /** How the operator anchors trust in the legitimate signers (version 1, alice and bob). */
  enum AnchorKind {
    DIGEST(f -> anchors("--trust-anchor", f.signersDigest())),
    ONE_OF_TWO_KEYS(f -> anchors("CASK_TRUST_ANCHOR", fingerprint(f.alice) + "," + fingerprint(f.bob))),
    BOTH_KEYS(f -> anchors("-Dcask.trustAnchor", fingerprint(f.alice) + " " + fingerprint(f.bob) + " threshold=2")),
    BASELINE(f -> {
      f.baseline = f.asBaseline();
      return TrustAnchors.none();
    });

    final Function<GateFixture, TrustAnchors> anchor;

    AnchorKind(Function<GateFixture, TrustAnchors> anchor) {
      this.anchor = anchor;
    }
  }

  record Attack(String name, Consumer<GateFixture> edit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static TrustAnchors anchors(String source, String value) {
    return new TrustAnchors(List.of(new TrustAnchors.Given(source, value)), null, true);
  }

  static String fingerprint(SigningKey key) {
    return Ed25519Keys.fingerprint(key.publicKey());
  }

  /** A mallory who got her key into the signers file also signs a policy that allows every destructive tool. */
  static void approveDestructivePolicy(GateFixture f, String... signerIds) {
    f.policy = new Policy(Policy.FORMAT_VERSION, Effect.DENY,
        List.of(new PolicyRule("allow-everything-destructive", 100, Effect.ALLOW, Match.risk(RiskTier.DESTRUCTIVE), null,
            "mallory says so")), null);
    String digest = CanonicalJson.digest(f.policy);
    List<Approval> approvals = new ArrayList<>();
    for (String id : signerIds) {
      approvals.add(Approvals.policy(f.key(id), id, f.toolpackName, digest, "lgtm", GateFixture.SIGNED));
    }
    f.lockfile = f.lockfile.withPolicy(new PolicyLock(digest, approvals));
  }

  static void approvePolicy(GateFixture f, String... signerIds) {
    String digest = CanonicalJson.digest(f.policy);
    List<Approval> approvals = new ArrayList<>();
    for (String id : signerIds) {
      approvals.add(Approvals.policy(f.key(id), id, f.toolpackName, digest, "policy reviewed", GateFixture.SIGNED));
    }
    f.lockfile = f.lockfile.withPolicy(new PolicyLock(digest, approvals));
  }

  static SignersFile without(SignersFile file, String id) {
    TreeMap<String, Signer> signers = new TreeMap<>(file.signers());
    signers.remove(id);
    return new SignersFile(file.formatVersion(), file.version(), file.previous(), signers, file.requiredApprovals(), List.of());
  }

  static SignersFile requiring(SignersFile file, int sensitive) {
    return new SignersFile(file.formatVersion(), file.version(), file.previous(), file.signers(),
        new TreeMap<>(Map.of("sensitive", sensitive)), List.of());
  }

  /** Every way a key could try to authorize itself (or a change nobody trusted approved). */
  static Stream<Attack> selfAuthorizations() {
    List<Attack> attacks = new ArrayList<>();
    attacks.add(new Attack("mallory adds her key and signs the new version herself", f -> {
      f.rotate(f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)), "mallory");
      approveDestructivePolicy(f, "mallory");
    }));
    attacks.add(new Attack("mallory adds her key, lowers the threshold to 1 and signs it with alice's help only", f -> {
      f.rotate(requiring(f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)), 1), "mallory", "alice");
      approveDestructivePolicy(f, "mallory");
    }));
    attacks.add(new Attack("mallory swaps alice's key for hers and signs as alice", f -> {
      f.rotate(f.signers.withSigner("alice", GateFixture.signer("Alice Example", f.mallory, null)));
      f.signers = f.signers.withApprovals(List.of(Approvals.signers(f.mallory, "alice", f.signers, "key rotation", GateFixture.SIGNED)));
      f.history = f.history.withNewest(f.signers);
      approveDestructivePolicy(f, "alice");
    }));
    attacks.add(new Attack("a version signed with a forged signature under alice's key id", f -> {
      f.rotate(f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)));
      Approval real = Approvals.signers(f.mallory, "mallory", f.signers, "lgtm", GateFixture.SIGNED);
      f.signers = f.signers.withApprovals(List.of(
          new Approval("alice", f.alice.keyId(), real.signedAt(), real.reason(), real.signature()),
          new Approval("bob", f.bob.keyId(), real.signedAt(), real.reason(), real.signature())));
      f.history = f.history.withNewest(f.signers);
      approveDestructivePolicy(f, "mallory");
    }));
    attacks.add(new Attack("alice alone removes bob (two signers needed)", f ->
        f.rotate(without(f.signers, "bob"), "alice")));
    attacks.add(new Attack("alice alone lowers the threshold to 1", f -> f.rotate(requiring(f.signers, 1), "alice")));
    attacks.add(new Attack("a revoked bob signs his own reinstatement with alice", f -> {
      f.rotate(f.signers.withSigner("bob", f.signers.signers().get("bob").withRevoked(true)), "alice", "bob");
      f.rotate(f.signers.withSigner("bob", f.signers.signers().get("bob").withRevoked(false)), "alice", "bob");
    }));
    attacks.add(new Attack("mallory signs a second version after sneaking into the first one", f -> {
      f.rotate(f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)), "mallory");
      f.rotate(requiring(f.signers, 1), "mallory");
      approveDestructivePolicy(f, "mallory");
    }));
    return attacks.stream();
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> attacksUnderEveryAnchor() {
    return selfAuthorizations().flatMap(attack -> Stream.of(AnchorKind.values())
        .map(kind -> org.junit.jupiter.params.provider.Arguments.of(attack, kind)));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("attacksUnderEveryAnchor")
  void noKeyAuthorizesItselfWhateverTheAnchor(Attack attack, AnchorKind kind) {
    GateFixture f = new GateFixture(dir);
    f.anchors = kind.anchor.apply(f);
    attack.edit().accept(f);
    VerificationReport report = f.verify();
    assertThat(report.passed()).as(report.failureText()).isFalse();
    assertThat(report.errors()).extracting(Problem::code).as(report.failureText()).contains(SIGNERS_UNSIGNED);
    assertThat(report.errors()).filteredOn(p -> p.code() == SIGNERS_UNSIGNED).last().satisfies(p -> {
      assertThat(p.subject()).isEqualTo("cask.signers.yaml");
      assertThat(p.reason()).containsPattern("version \\d is signed by \\d of the 2 distinct signers of version \\d it needs");
      assertThat(p.fix()).contains("mvn cask:gate-allow -Dcask.approveSigners=true");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selfAuthorizations")
  void withoutAnyAnchorTheChainStillStopsEveryChangeTheOldSignersDidNotSign(Attack attack) {
    GateFixture f = new GateFixture(dir);
    attack.edit().accept(f);
    assertThat(f.verify().errors()).extracting(Problem::code).contains(SIGNERS_UNSIGNED);
  }

  /** What only an anchor catches: the whole chain replaced by one whose version 1 is mallory's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rewrites")
  void aRewrittenChainIsCaughtOnlyByAnAnchor(AnchorKind kind, ReasonCode expected) {
    GateFixture f = new GateFixture(dir);
    f.anchors = kind.anchor.apply(f);
    rewriteAsMallory(f);
    VerificationReport report = f.verify();
    assertThat(report.errors()).extracting(Problem::code).as(report.failureText()).contains(expected);
    assertThat(report.passed()).isFalse();
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> rewrites() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(AnchorKind.DIGEST, SIGNERS_ANCHOR_MISMATCH),
        org.junit.jupiter.params.provider.Arguments.of(AnchorKind.ONE_OF_TWO_KEYS, SIGNERS_ANCHOR_MISMATCH),
        org.junit.jupiter.params.provider.Arguments.of(AnchorKind.BOTH_KEYS, SIGNERS_ANCHOR_MISMATCH),
        org.junit.jupiter.params.provider.Arguments.of(AnchorKind.BASELINE, SIGNERS_UNSIGNED));
  }

  /** Mallory's own version 1 (alice, bob and mallory, one signature needed), self-signed, policy signed by her. */
  static void rewriteAsMallory(GateFixture f) {
    SignersFile hers = requiring(f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)), 1);
    f.signers = f.selfSign(hers, "mallory");
    f.history = null;
    approveDestructivePolicy(f, "mallory");
  }

  @Test
  void aRewrittenChainPassesWithoutAnAnchorAndFailsWhenOneIsRequired() {
    GateFixture f = new GateFixture(dir);
    rewriteAsMallory(f);
    VerificationReport trusting = f.verify();
    assertThat(trusting.errors()).as("the documented blind spot without any anchor").isEmpty();
    assertThat(trusting.signersTrust().orElseThrow().anchored()).isFalse();
    assertThat(trusting.signersTrust().orElseThrow().describe()).contains("trusted as the repository presents it");

    f.anchors = new TrustAnchors(List.of(), null, true);
    VerificationReport required = f.verify();
    assertThat(required.errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_NOT_ANCHORED);
      assertThat(p.subject()).isEqualTo("cask.signers.yaml");
      assertThat(p.reason()).contains("version 1, " + f.signersDigest());
      assertThat(p.fix()).contains("--trust-anchor sha256:<digest>", "-Dcask.trustAnchor", "CASK_TRUST_ANCHOR",
          "~/.cask/demo/trust-anchor", "--trust-repo-signers");
    });
  }

  @Test
  void aKeyAddedWithThePreviousThresholdIsTrustedAndThenCountsForTheNextVersion() {
    GateFixture f = new GateFixture(dir);
    f.anchors = anchors("--trust-anchor", f.signersDigest());
    f.rotate(f.signers.withSigner("carol", GateFixture.signer("Carol", f.carol, null)), "alice", "bob");
    f.rotate(without(f.signers, "bob"), "alice", "carol");
    f.approve(f.tool("impersonate"), LockDecision.APPROVED, List.of("alice", "carol"));
    approvePolicy(f, "alice", "carol");
    VerificationReport report = f.verify();
    assertThat(report.errors()).as(report.failureText()).isEmpty();
    SignersTrust trust = report.signersTrust().orElseThrow();
    assertThat(trust.version()).isEqualTo(3);
    assertThat(trust.fromVersion()).isEqualTo(1);
    assertThat(trust.pinnedBy()).containsExactly("--trust-anchor");
    assertThat(trust.describe()).isEqualTo("version 3 (" + f.signersDigest() + "), verified from version 1 pinned by --trust-anchor");
    assertThat(report.requireVerified().tool("impersonate").orElseThrow().signers()).containsExactly("alice", "carol");
  }

  @Test
  void thresholdsAreThoseOfThePreviousVersionWhetherRaisedOrLowered() {
    GateFixture f = new GateFixture(dir);
    f.anchors = anchors("--trust-anchor", f.signersDigest());
    // raising to 3 needs the 2 of version 1; the next change then needs 3 of version 2
    f.rotate(requiring(f.signers.withSigner("carol", GateFixture.signer("Carol", f.carol, null)), 3), "alice", "bob");
    approvePolicy(f, "alice", "bob", "carol");
    f.approve(f.tool("impersonate"), LockDecision.APPROVED, List.of("alice", "bob", "carol"));
    assertThat(f.verify().errors()).isEmpty();
    GateFixture two = copy(f);
    two.rotate(requiring(two.signers, 2), "alice", "bob");
    assertThat(two.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_UNSIGNED);
      assertThat(p.reason()).startsWith("version 3 is signed by 2 of the 3 distinct signers of version 2 it needs");
    });
    f.rotate(requiring(f.signers, 2), "alice", "bob", "carol");
    approvePolicy(f, "alice", "bob");
    f.approve(f.tool("impersonate"), LockDecision.APPROVED, List.of("alice", "bob"));
    assertThat(f.verify().errors()).isEmpty();
  }

  private GateFixture copy(GateFixture source) {
    GateFixture copy = new GateFixture(dir);
    copy.signers = source.signers;
    copy.history = source.history;
    copy.anchors = source.anchors;
    copy.lockfile = source.lockfile;
    return copy;
  }

  /** Version 1 (alice, bob), 2 (adds carol), 3 (revokes bob), with history. */
  GateFixture threeVersions() {
    GateFixture f = new GateFixture(dir);
    f.rotate(f.signers.withSigner("carol", GateFixture.signer("Carol", f.carol, null)), "alice", "bob");
    f.rotate(f.signers.withSigner("bob", f.signers.signers().get("bob").withRevoked(true)), "alice", "carol");
    f.approve(f.tool("impersonate"), LockDecision.APPROVED, List.of("alice", "carol"));
    approvePolicy(f, "alice", "carol");
    return f;
  }

  @Test
  void anOlderVersionPresentedAsCurrentIsARollback() {
    GateFixture f = threeVersions();
    String v3 = f.signersDigest();
    SignersHistory full = f.history;
    SignersFile v2 = full.versions().get(1);
    f.approve(f.tool("impersonate"), LockDecision.APPROVED, List.of("alice", "bob"));

    // the history still goes to version 3: the file alone was put back
    f.signers = v2;
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_ROLLBACK);
      assertThat(p.subject()).isEqualTo("cask.signers.yaml");
      assertThat(p.reason()).startsWith("is version 2, but cask.signers.history.yaml goes up to version 3: an older signers "
          + "file is presented as the current one");
      assertThat(p.fix()).isEqualTo("restore cask.signers.yaml to version 3 (the newest entry of cask.signers.history.yaml)");
    });

    // both files put back: an anchor on version 3 sees it, and so does a baseline at version 3
    f.history = SignersHistory.of(full.versions().subList(0, 2));
    f.anchors = anchors("--trust-anchor", v3);
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_ANCHOR_MISMATCH);
      assertThat(p.reason()).startsWith("--trust-anchor pins version " + v3 + ", but that is none of the 2 version(s)")
          .contains("rolled back to an older version");
    });
    f.anchors = TrustAnchors.none();
    f.baseline = new Baseline(FileSource.of("baseline origin/main:cask.signers.yaml",
        GateFiles.signersBytes(full.newest())), null);
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_ROLLBACK);
      assertThat(p.reason()).isEqualTo("is version 2, older than version 3 in baseline origin/main:cask.signers.yaml: an "
          + "older signers file is presented as the current one");
    });
    f.baseline = Baseline.none();
    assertThat(f.verify().errors()).as("without an anchor or baseline a consistent older chain verifies").isEmpty();
  }

  @Test
  void aGapInTheChainIsNamed() {
    GateFixture f = threeVersions();
    List<SignersFile> all = f.history.versions();

    f.history = SignersHistory.of(List.of(all.get(0), all.get(2)));
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_CHAIN_GAP);
      assertThat(p.subject()).isEqualTo("cask.signers.history.yaml");
      assertThat(p.reason()).startsWith("has no version 2 (after version 1 comes version 3)");
    });

    f.history = SignersHistory.of(all.subList(0, 2));
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_CHAIN_GAP);
      assertThat(p.subject()).isEqualTo("cask.signers.yaml");
      assertThat(p.reason()).startsWith("is version 3, but cask.signers.history.yaml goes up to version 2");
    });

    f.history = null;
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_CHAIN_GAP);
      assertThat(p.reason()).isEqualTo("does not exist, but cask.signers.yaml is version 3: versions 1 to 2 and the "
          + "signatures that approved them are needed to verify it");
      assertThat(p.fix()).startsWith("restore cask.signers.history.yaml from version control");
    });
  }

  @Test
  void anEditedHistoryEntryBreaksTheLinkOfTheVersionAfterIt() {
    GateFixture f = threeVersions();
    f.anchors = anchors("--trust-anchor", SignedPayloads.signersDigest(f.history.versions().get(0)));
    // mallory slips into version 2 as recorded (its signatures would not hold, but the link from version 3 breaks first)
    String text = f.historyYaml();
    String carol = "    carol:\n";
    int second = text.indexOf("version: 2");
    int at = text.indexOf(carol, second);
    f.historyText = text.substring(0, at) + text.substring(at).replaceFirst("name: Carol", "name: Mallory");
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_CHAIN_BROKEN);
      assertThat(p.subject()).isEqualTo("cask.signers.history.yaml version 3");
      assertThat(p.reason()).contains("as its previous version, but version 2 as recorded has the digest")
          .contains("an entry was edited or forged after it was signed");
    });
  }

  @Test
  void aForgedEntryWithRecomputedLinksFailsOnItsSignatures() {
    GateFixture f = threeVersions();
    f.anchors = anchors("--trust-anchor", SignedPayloads.signersDigest(f.history.versions().get(0)));
    List<SignersFile> real = f.history.versions();
    // mallory rebuilds versions 2 and 3 with her key in them, keeping the real signatures (they no longer match)
    SignersFile v2 = real.get(0).successor(real.get(1).withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)),
        SignedPayloads.signersDigest(real.get(0))).withApprovals(real.get(1).approvals());
    SignersFile v3 = v2.successor(real.get(2).withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null)),
        SignedPayloads.signersDigest(v2)).withApprovals(real.get(2).approvals());
    f.history = SignersHistory.of(List.of(real.get(0), v2, v3));
    f.signers = v3;
    VerificationReport report = f.verify();
    assertThat(report.errors()).extracting(Problem::code).containsExactly(SIGNERS_UNSIGNED, SIGNERS_UNSIGNED);
    assertThat(report.errors().get(0).subject()).isEqualTo("cask.signers.history.yaml version 2");
    assertThat(report.errors().get(0).reason()).startsWith("version 2 is signed by 0 of the 2 distinct signers of version 1")
        .contains("signature_invalid");
    assertThat(report.errors().get(1).subject()).isEqualTo("cask.signers.yaml");
  }

  @Test
  void theCurrentFileMustBeTheNewestSignedVersion() {
    GateFixture f = threeVersions();
    f.signers = f.signers.withSigner("mallory", GateFixture.signer("Mallory", f.mallory, null));
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_UNSIGNED);
      assertThat(p.reason()).startsWith("differs from version 3 as signed in cask.signers.history.yaml: a change");
      assertThat(p.fix()).isEqualTo("a signer of version 3 runs mvn cask:gate-allow -Dcask.approveSigners=true");
    });
    f.signers = f.history.newest().withApprovals(f.history.newest().approvals().subList(0, 1));
    assertThat(f.verify().errors()).extracting(Problem::code).containsExactly(SIGNERS_CHAIN_BROKEN);
  }

  @Test
  void keyAnchorsVouchForTheNewestVersionTheirKeysSigned() {
    GateFixture f = threeVersions();
    f.anchors = anchors("--trust-anchor", fingerprint(f.bob));
    assertThat(f.verify().signersTrust().orElseThrow().fromVersion()).as("bob signed version 2, then was revoked").isEqualTo(2);
    f.anchors = anchors("--trust-anchor", fingerprint(f.carol));
    assertThat(f.verify().signersTrust().orElseThrow().fromVersion()).isEqualTo(3);
    f.anchors = anchors("--trust-anchor", fingerprint(f.alice) + "," + fingerprint(f.bob) + ",threshold=2");
    assertThat(f.verify().signersTrust().orElseThrow().fromVersion()).isEqualTo(2);
    f.anchors = anchors("--trust-anchor", fingerprint(f.mallory));
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_ANCHOR_MISMATCH);
      assertThat(p.reason()).startsWith("--trust-anchor pins key " + fingerprint(f.mallory) + ", but they signed none");
    });
  }

  @Test
  void everyAnchorGivenMustHold() {
    GateFixture f = threeVersions();
    String other = "sha256:" + "0".repeat(64);
    f.anchors = new TrustAnchors(List.of(new TrustAnchors.Given("--trust-anchor", f.signersDigest()),
        new TrustAnchors.Given("CASK_TRUST_ANCHOR", other)), null, true);
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_ANCHOR_MISMATCH);
      assertThat(p.reason()).startsWith("CASK_TRUST_ANCHOR pins version " + other);
    });
  }

  @Test
  void theOperatorFileAndTheEnvironmentAreAnchorsToo() throws Exception {
    GateFixture f = threeVersions();
    Path operator = dir.resolve("home/.cask");
    Files.createDirectories(operator.resolve("demo"));
    Files.writeString(operator.resolve("demo/trust-anchor"), "# pinned after review on 2026-03-01\n"
        + fingerprint(f.carol) + "\n");
    f.anchors = TrustAnchors.of("--trust-anchor", null, Map.of("CASK_TRUST_ANCHOR", f.signersDigest()), operator, true);
    VerificationReport report = f.verify();
    assertThat(report.errors()).isEmpty();
    assertThat(report.signersTrust().orElseThrow().pinnedBy())
        .containsExactly("CASK_TRUST_ANCHOR", operator.resolve("demo/trust-anchor").toString());

    Files.writeString(operator.resolve("demo/trust-anchor"), fingerprint(f.mallory) + "\n");
    assertThat(f.verify().errors()).extracting(Problem::code).containsExactly(SIGNERS_ANCHOR_MISMATCH);
  }

  @Test
  void anAnchorThatCannotBeReadIsNamedWithItsFix() throws Exception {
    GateFixture f = new GateFixture(dir);
    f.anchors = anchors("--trust-anchor", f.alice.keyId());
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(TRUST_ANCHOR_INVALID);
      assertThat(p.subject()).isEqualTo("--trust-anchor");
      assertThat(p.reason()).isEqualTo(f.alice.keyId() + " is a key id (the first 16 hex digits of the fingerprint, 64 "
          + "bits): too short to pin trust on");
      assertThat(p.fix()).startsWith("pin the key's full fingerprint, ed25519:<64 hex>");
    });
    f.anchors = anchors("--trust-anchor", dir.resolve("no-such-anchor").toString());
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(TRUST_ANCHOR_INVALID);
      assertThat(p.reason()).isEqualTo("names the file " + dir.resolve("no-such-anchor") + ", which does not exist");
    });
    Path file = Files.writeString(dir.resolve("anchor"), "sha256:1234\n");
    f.anchors = anchors("--trust-anchor", file.toString());
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.subject()).isEqualTo("--trust-anchor (file " + file + ")");
      assertThat(p.reason()).isEqualTo("sha256:1234 is not an anchor token");
    });
    f.anchors = anchors("--trust-anchor", fingerprint(f.alice) + " threshold=2");
    assertThat(f.verify().errors()).singleElement().satisfies(p ->
        assertThat(p.reason()).isEqualTo("threshold=2 must be between 1 and the 1 pinned key(s)"));
  }

  @Test
  void expiredKeysNoLongerVouchForHistoryButANewerPinDoes() {
    GateFixture f = new GateFixture(dir);
    // alice's key in version 1 expires after she signed version 2, before now
    f.signers = f.selfSign(f.signers.withSigner("alice", GateFixture.signer("Alice Example", f.alice,
        "2026-02-25T00:00:00Z")).withApprovals(List.of()), "alice", "bob");
    String v1 = f.signersDigest();
    f.rotate(f.signers.withSigner("alice", GateFixture.signer("Alice Example", f.alice, null)), "alice", "bob");
    f.anchors = anchors("--trust-anchor", v1);
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_UNSIGNED);
      assertThat(p.reason()).contains("signer_expired");
    });
    f.anchors = anchors("--trust-anchor", f.signersDigest());
    assertThat(f.verify().errors()).isEmpty();
  }

  @Test
  void aSignersFileOfTheFormatWithoutAChainIsRefusedSayingHowToStartOne() {
    GateFixture f = new GateFixture(dir);
    f.signersText = f.signersYaml().replace("formatVersion: 2\nversion: 1\n", "formatVersion: 1\n");
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_INVALID);
      assertThat(p.reason()).isEqualTo("is 1, a format without a rotation chain (this Cask reads version 2, with "
          + "cask.signers.history.yaml) at formatVersion");
      assertThat(p.fix()).startsWith("move the file aside, start a chain with mvn cask:keygen -Dcask.bootstrapSigners=true");
    });
  }

  @Test
  void aHistoryThatCannotBeReadIsNamed() {
    GateFixture f = threeVersions();
    f.historyText = f.historyYaml().replace("    version: 2\n", "    version: 2\n    admin: true\n");
    assertThat(f.verify().errors()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(SIGNERS_INVALID);
      assertThat(p.subject()).isEqualTo("cask.signers.history.yaml");
    });
  }
}
