package dev.cask.maven.gate;

import static dev.cask.maven.gate.GateProject.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.verification.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signers file and lockfile are anchored to a baseline: automatically to the target branch in a GitHub Actions
 * pull request, on demand ({@code requireBaseline}), and loudly absent otherwise. Real git repositories and clones.
 */
class BaselineAnchoringTest {
  @TempDir Path tmp;

  static final CiEnvironment PULL_REQUEST_INTO_MAIN = CiEnvironment.of(Map.of(CiEnvironment.GITHUB_BASE_REF, "main"));
  static final CiEnvironment NOT_CI = CiEnvironment.of(Map.of());

  /** The target branch: alice trusted, every tool and the policy approved, committed on main. */
  GateProject upstream() throws Exception {
    GateProject up = new GateProject(tmp.resolve("upstream"), tmp.resolve("keys"));
    up.bootstrap("alice");
    up.decide("alice", DecisionRequest.allow(List.of("impersonate")).withAll());
    assertThat(up.check().passed()).isTrue();
    git(up.project, "init", "-q");
    Files.writeString(up.project.resolve(".gitignore"), "target/\n");
    git(up.project, "add", "-A");
    git(up.project, "commit", "-q", "-m", "gate on main");
    return up;
  }

  /** A checkout of the pull request, made with {@code git clone ARGS upstream pr}, its toolpack compiled. */
  GateProject checkout(GateProject up, String... cloneArgs) {
    Path pr = tmp.resolve("pr");
    List<String> args = new java.util.ArrayList<>(List.of("clone", "-q"));
    args.addAll(List.of(cloneArgs));
    args.addAll(List.of(up.project.toUri().toString(), pr.toString()));
    git(tmp, args.toArray(String[]::new));
    return new GateProject(pr, up.keys);
  }

  @Test
  void aPullRequestIsCheckedAgainstItsTargetBranchSoASelfSignedNewKeyFails() throws Exception {
    GateProject pr = checkout(upstream());
    git(pr.project, "checkout", "-q", "-b", "add-mallory");
    // mallory pastes her entry and signs the change with her own key, as gate-allow lets anyone do
    pr.addSigner("mallory");
    GateDecisions.Outcome signed = pr.decide("mallory", GateProject.approve(List.of(), Set.of(), false, true, false));
    assertThat(signed.signers()).isTrue();

    GateSettings plain = CiBaseline.apply(pr.settings, NOT_CI, pr.log);
    assertThat(plain).isEqualTo(pr.settings);
    assertThat(new GateCheck(pr.clock, pr.log).verify(plain).errors()).as("the chain needs a signer of version 1 even "
        + "without a baseline").extracting(p -> p.code()).containsExactly(ReasonCode.SIGNERS_UNSIGNED);

    GateSettings inPullRequest = CiBaseline.apply(pr.settings, PULL_REQUEST_INTO_MAIN, pr.log);
    assertThat(inPullRequest.baselineRef()).isEqualTo("origin/main");
    assertThat(pr.info).contains("Cask gate: baseline origin/main (the pull request's target branch, from GITHUB_BASE_REF)");
    assertThat(new GateCheck(pr.clock, pr.log).verify(inPullRequest).errors()).extracting(p -> p.code())
        .containsExactly(ReasonCode.SIGNERS_UNSIGNED);
    assertThatThrownBy(() -> new GateCheck(pr.clock, pr.log).run(inPullRequest.withRequireBaseline(true)))
        .isInstanceOf(CaskException.class)
        .hasMessageContaining("[signers_unsigned] cask.signers.yaml: version 2 is signed by 0 of the 1 distinct signers of version 1 it needs");
  }

  @Test
  void aShallowCheckoutFailsNamingTheFixInsteadOfSkippingTheBaseline() throws Exception {
    GateProject up = upstream();
    git(up.project, "branch", "pr-head");
    // what actions/checkout does by default: one commit of one branch, no origin/main
    GateProject pr = checkout(up, "--depth", "1", "--single-branch", "--branch", "pr-head");

    assertThatThrownBy(() -> CiBaseline.apply(pr.settings, PULL_REQUEST_INTO_MAIN, pr.log))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("GITHUB_BASE_REF=main: this pull request's gate must compare the signers file and lockfile with origin/main")
        .hasMessageContaining("git does not know the ref 'origin/main'")
        .hasMessageContaining("Fix: check out with the full history (actions/checkout with fetch-depth: 0)")
        .hasMessageContaining("-Dcask.baselineRef=REF");

    // the fix works: once the target branch is fetched, the same build verifies against it
    git(pr.project, "fetch", "-q", "origin", "main:refs/remotes/origin/main");
    GateSettings anchored = CiBaseline.apply(pr.settings, PULL_REQUEST_INTO_MAIN, pr.log);
    assertThat(new GateCheck(pr.clock, pr.log).run(anchored.withRequireBaseline(true)).lockfileSequence()).isEqualTo(1);
    assertThat(pr.warnings).isEmpty();
  }

  @Test
  void aConfiguredBaselineWinsAndOnlyARealBranchNameIsUsed() throws Exception {
    GateProject project = new GateProject(tmp.resolve("p"), tmp.resolve("keys"));
    GateSettings configured = new GateSettings(project.project, project.settings.toolpack(), project.settings.lockfile(),
        project.settings.signers(), null, tmp.resolve("baseline.lock.yaml"), null, false);
    assertThat(CiBaseline.apply(configured, PULL_REQUEST_INTO_MAIN, project.log)).isSameAs(configured);
    assertThat(CiBaseline.apply(project.settings, CiEnvironment.of(Map.of("GITHUB_BASE_REF", " ")), project.log))
        .isSameAs(project.settings);
    assertThatThrownBy(() -> CiBaseline.apply(project.settings,
        CiEnvironment.of(Map.of("GITHUB_BASE_REF", "x --output=/tmp/y")), project.log))
        .hasMessageStartingWith("GITHUB_BASE_REF=x --output=/tmp/y:")
        .hasMessageContaining("'origin/x --output=/tmp/y' does not look like a git ref");
  }

  @Test
  void requireBaselineFailsWithoutOneAndNamesWhatIsMissing() throws Exception {
    GateProject up = upstream();
    assertThatThrownBy(() -> new GateCheck(up.clock, up.log).run(up.settings.withRequireBaseline(true)))
        .isInstanceOf(CaskException.class)
        .hasMessageStartingWith("cask:gate-check (-Dcask.requireBaseline=true): no baseline signers file and lockfile, so it cannot detect signer additions")
        .hasMessageContaining("Fix: compare with the target branch: -Dcask.baselineRef=origin/main");

    Path baselineLock = Files.copy(up.settings.lockfile(), tmp.resolve("main.lock.yaml"));
    GateSettings lockfileOnly = new GateSettings(up.project, up.settings.toolpack(), up.settings.lockfile(),
        up.settings.signers(), null, baselineLock, null, false).withRequireBaseline(true);
    assertThatThrownBy(() -> new GateCheck(up.clock, up.log).run(lockfileOnly))
        .hasMessageContaining("no baseline signers file, so it cannot detect signer additions")
        .hasMessageNotContaining("rollbacks");

    GateSettings atMain = new GateSettings(up.project, up.settings.toolpack(), up.settings.lockfile(),
        up.settings.signers(), null, null, "main", false).withRequireBaseline(true);
    assertThat(new GateCheck(up.clock, up.log).run(atMain).tools()).hasSize(4);
    assertThat(up.warnings).isEmpty();
  }

  @Test
  void withoutABaselineGateCheckWarnsOnceWhatItCannotDetect() throws Exception {
    GateProject up = upstream();
    new GateCheck(up.clock, up.log).run(up.settings);
    assertThat(up.warnings).hasSize(1);
    assertThat(up.warnings.get(0))
        .startsWith("cask:gate-check has no baseline signers file and lockfile, so it cannot detect signer additions "
            + "(someone replacing cask.signers.yaml and cask.signers.history.yaml with a chain of their own that adds "
            + "their key), nor lockfile rollbacks and deleted blocks. Fix: ")
        .contains("fetch-depth: 0").contains("-Dcask.baselineSigners=FILE and -Dcask.baselineLockfile=FILE")
        .endsWith("; and pin the signers outside the repository: -Dcask.trustAnchor=sha256:<digest> or "
            + "CASK_TRUST_ANCHOR (site page \"Signers\")");

    up.warnings.clear();
    Path baselineSigners = Files.copy(up.settings.signers(), tmp.resolve("main.signers.yaml"));
    new GateCheck(up.clock, up.log).run(new GateSettings(up.project, up.settings.toolpack(), up.settings.lockfile(),
        up.settings.signers(), baselineSigners, null, null, false));
    assertThat(up.warnings).singleElement().asString()
        .startsWith("cask:gate-check has no baseline lockfile, so it cannot detect lockfile rollbacks and deleted blocks");
  }
}
