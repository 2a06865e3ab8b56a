package dev.cask.runtime.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.Passphrases;
import dev.cask.runtime.model.lockfile.LockDecision;
import dev.cask.runtime.verification.Baseline;
import dev.cask.runtime.verification.GateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review's one action, without a screen: signed decisions, the lockfile's sequence, refusals. */
class ReviewSessionTest {
  @TempDir Path dir;

  private ReviewSession session(ReviewProject p) {
    return new ReviewSession(new ReviewSettings(p.project, p.project.resolve("target/cask"), p.lockfile(),
        p.project.resolve("cask.signers.yaml"), Baseline.none(), null, p.keys, null,
        Passphrases.from(Map.of(Passphrases.ENV, ReviewProject.PASSPHRASE), null)), Clock.systemUTC());
  }

  private static ReviewItem item(ReviewSession session, String name) {
    return session.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSessionIsOneLockfileStepUnlessSomeoneElseWritesInBetween() throws Exception {
    ReviewProject p = new ReviewProject(dir);
    ReviewSession session = session(p);
    assertThat(session.items()).extracting(ReviewItem::name)
        .containsExactly("policy.yaml", "create_user", "delete_user", "get_user", "impersonate");
    assertThat(session.decide(item(session, "get_user"), LockDecision.APPROVED, ""))
        .isEqualTo("Approved get_user as alice (" + p.fixture.alice.keyId() + "): \"reviewed and approved by alice\";"
            + " cask.lock.yaml sequence 1");
    session.decide(item(session, "policy.yaml"), LockDecision.APPROVED, "policy ok");
    assertThat(p.readLockfile().sequence()).isEqualTo(1);
    assertThat(item(session, "get_user").state()).isEqualTo(ReviewItem.State.APPROVED);
    assertThat(item(session, "policy.yaml").state()).isEqualTo(ReviewItem.State.APPROVED);

    // Another process (gate-allow) moves the lockfile on: the next decision builds on it and takes a new step.
    Files.write(p.lockfile(), GateFiles.lockfileBytes(p.readLockfile().withSequence(5)));
    session.decide(item(session, "delete_user"), LockDecision.BLOCKED, "not for agents");
    assertThat(p.readLockfile().sequence()).isEqualTo(6);
    assertThat(item(session, "delete_user").state()).isEqualTo(ReviewItem.State.BLOCKED);
    assertThat(item(session, "get_user").state()).as("earlier decisions kept").isEqualTo(ReviewItem.State.APPROVED);
  }

  @Test
  void refusesWhatCannotBeSigned() {
    ReviewProject p = new ReviewProject(dir);
    ReviewSession session = session(p);
    assertThatThrownBy(() -> session.decide(item(session, "policy.yaml"), LockDecision.BLOCKED, "x"))
        .isInstanceOf(CaskException.class).hasMessageContaining("cannot be blocked");
    assertThatThrownBy(() -> session.decide(item(session, "get_user"), LockDecision.APPROVED, "two\nlines"))
        .isInstanceOf(CaskException.class).hasMessageContaining("reason");
    assertThat(p.lockfile()).doesNotExist();
    assertThat(ReviewSession.needsTypedName(item(session, "impersonate"), LockDecision.APPROVED)).isTrue();
    assertThat(ReviewSession.needsTypedName(item(session, "impersonate"), LockDecision.BLOCKED)).isFalse();
    assertThat(ReviewSession.needsTypedName(item(session, "delete_user"), LockDecision.APPROVED)).isFalse();
  }

  @Test
  void aReviewWithoutSignersSaysHowToStart() throws Exception {
    ReviewProject p = new ReviewProject(dir);
    Files.delete(p.project.resolve("cask.signers.yaml"));
    assertThatThrownBy(() -> session(p)).isInstanceOf(CaskException.class)
        .hasMessageContaining("cask.signers.yaml").hasMessageContaining("mvn cask:keygen -Dcask.bootstrapSigners=true");
  }
}
