package dev.cask.runtime.server.confirm;

import dev.cask.runtime.server.confirm.ApprovalChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cask.runtime.CaskException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmationStoreTest {
  private static final String ARGS = "sha256:" + "a".repeat(64);
  private static final String OTHER_ARGS = "sha256:" + "b".repeat(64);
  private static final String LOCK = "sha256:" + "c".repeat(64);

  @TempDir Path dir;
  private Path auditLog;
  private MutableClock clock;

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() {
    auditLog = dir.resolve("audit.jsonl");
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  }

  private ConfirmationStore store() {
    return ConfirmationStore.forAuditLog(auditLog, clock, Duration.ofMinutes(10));
  }

  @Test
  void approvedChallengeRunsExactlyOnceForExactlyTheConfirmedCall() {
    ConfirmationStore store = store();
    PendingConfirmation challenge = store.issue("create_note", ARGS, LOCK, "POST https://api.example.com/notes");
    assertThat(ChallengeIds.isWellFormed(challenge.id())).isTrue();
    assertThat(challenge.state()).isEqualTo(ConfirmationState.PENDING);

    assertThat(store.redeem(challenge.id(), "create_note", ARGS, LOCK)).isEqualTo(RedeemResult.PENDING);
    assertThat(store.approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);
    assertThat(store.approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.ALREADY_APPROVED);

    assertThat(store.redeem(challenge.id(), "create_note", OTHER_ARGS, LOCK)).isEqualTo(RedeemResult.MISMATCH);
    assertThat(store.redeem(challenge.id(), "delete_note", ARGS, LOCK)).isEqualTo(RedeemResult.MISMATCH);
    assertThat(store.redeem(challenge.id(), "create_note", ARGS, "sha256:" + "d".repeat(64))).isEqualTo(RedeemResult.MISMATCH);
    assertThat(store.redeem(challenge.id(), "create_note", ARGS, LOCK)).isEqualTo(RedeemResult.ACCEPTED);
    assertThat(store.redeem(challenge.id(), "create_note", ARGS, LOCK)).isEqualTo(RedeemResult.REPLAYED);
    assertThat(store.approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.ALREADY_USED);
  }

  @Test
  void challengesExpireWithTheirApproval() {
    ConfirmationStore store = store();
    PendingConfirmation challenge = store.issue("t", ARGS, LOCK, "GET x");
    store.approve(challenge.id(), ApprovalChannel.CLI);
    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    PendingConfirmation second = store.issue("t", OTHER_ARGS, LOCK, "GET y");
    clock.advance(Duration.ofMillis(1));
    assertThat(store.redeem(challenge.id(), "t", ARGS, LOCK)).isEqualTo(RedeemResult.EXPIRED);
    assertThat(store.approve(challenge.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.EXPIRED);
    assertThat(store.approve(second.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);
  }

  @Test
  void askingTwiceForTheSameCallGivesTheSameChallenge() {
    ConfirmationStore store = store();
    PendingConfirmation first = store.issue("t", ARGS, LOCK, "GET x");
    assertThat(store.issue("t", ARGS, LOCK, "GET x").id()).isEqualTo(first.id());
    assertThat(store.issue("t", OTHER_ARGS, LOCK, "GET y").id()).isNotEqualTo(first.id());
    store.approve(first.id(), ApprovalChannel.CLI);
    store.redeem(first.id(), "t", ARGS, LOCK);
    assertThat(store.issue("t", ARGS, LOCK, "GET x").id()).as("a used challenge is not handed out again").isNotEqualTo(first.id());
  }

  @Test
  void pendingConfirmationsSurviveARestartAndUsedOnesCannotBeReplayedAfterOne() {
    ConfirmationStore before = store();
    PendingConfirmation waiting = before.issue("t", ARGS, LOCK, "GET x");
    PendingConfirmation used = before.issue("t", OTHER_ARGS, LOCK, "GET y");
    before.approve(used.id(), ApprovalChannel.CLI);
    assertThat(before.redeem(used.id(), "t", OTHER_ARGS, LOCK)).isEqualTo(RedeemResult.ACCEPTED);

    ConfirmationStore after = store(); // a new server process: same directory and key file
    assertThat(after.pending()).extracting(PendingConfirmation::id).containsExactly(waiting.id());
    assertThat(after.approve(waiting.id(), ApprovalChannel.CLI)).isEqualTo(ApprovalResult.APPROVED);
    assertThat(after.redeem(waiting.id(), "t", ARGS, LOCK)).isEqualTo(RedeemResult.ACCEPTED);
    assertThat(after.redeem(used.id(), "t", OTHER_ARGS, LOCK)).isEqualTo(RedeemResult.REPLAYED);
  }

  @Test
  void anotherProcessCanApproveThroughTheStoreBesideTheAuditLog() throws Exception {
    ConfirmationStore store = ConfirmationStore.forAuditLog(auditLog); // system clock, as the server and the CLI run
    PendingConfirmation challenge = store.issue("create_note", ARGS, LOCK, "POST https://api.example.com/notes");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            ApproveInAnotherProcess.class.getName(), auditLog.toString(), challenge.id())
        .redirectErrorStream(true)
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("create_note APPROVED");
    assertThat(store.redeem(challenge.id(), "create_note", ARGS, LOCK)).isEqualTo(RedeemResult.ACCEPTED);
  }

  @Test
  void editingTheRecordOnDiskCannotApproveOrRebindIt() throws Exception {
    ConfirmationStore store = store();
    PendingConfirmation challenge = store.issue("t", ARGS, LOCK, "GET x");
    Path file = store.directory().resolve(challenge.id() + ".json");

    String forgedApproval = Files.readString(file).replace("\"PENDING\"", "\"APPROVED\"");
    Files.writeString(file, forgedApproval);
    assertThat(store.redeem(challenge.id(), "t", ARGS, LOCK)).isEqualTo(RedeemResult.MISMATCH);

    Files.writeString(file, forgedApproval.replace(ARGS, OTHER_ARGS));
    assertThat(store.redeem(challenge.id(), "t", OTHER_ARGS, LOCK)).isEqualTo(RedeemResult.MISMATCH);
  }

  @Test
  void malformedIdsNeverReachTheFileSystem() throws Exception {
    ConfirmationStore store = store();
    Files.writeString(dir.resolve("evil.json"), "{}");
    for (String id : new String[] {"../evil", "..%2fevil", "ABCDEFGHJKMN", "abc", "abcdefghjkmn/", "abcdefghjkmni", ""}) {
      assertThat(store.redeem(id, "t", ARGS, LOCK)).isEqualTo(RedeemResult.UNKNOWN);
      assertThat(store.approve(id, ApprovalChannel.CLI)).isEqualTo(ApprovalResult.UNKNOWN);
      assertThat(store.describe(id)).isEmpty();
    }
    assertThat(store.redeem("abcdefghjkmn", "t", ARGS, LOCK)).isEqualTo(RedeemResult.UNKNOWN);
  }

  @Test
  void theKeyIsCreatedOwnerOnlyAndRefusedWhenOthersCanReadIt() throws Exception {
    store();
    Path key = dir.resolve(ConfirmationStore.KEY_FILE);
    assertThat(Files.size(key)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    byte[] before = Files.readAllBytes(key);
    store();
    assertThat(Files.readAllBytes(key)).as("reopening keeps the key").isEqualTo(before);

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(this::store).isInstanceOf(CaskException.class)
        .hasMessageContaining("accessible to other users").hasMessageContaining("chmod 600");
  }

  @Test
  void aDifferentKeyVoidsEveryChallenge() throws Exception {
    ConfirmationStore store = store();
    PendingConfirmation challenge = store.issue("t", ARGS, LOCK, "GET x");
    store.approve(challenge.id(), ApprovalChannel.CLI);
    Path key = dir.resolve(ConfirmationStore.KEY_FILE);
    Files.delete(key);
    assertThat(store().redeem(challenge.id(), "t", ARGS, LOCK)).isEqualTo(RedeemResult.MISMATCH);
    assertThat(new File(dir.toFile(), ConfirmationStore.KEY_FILE)).exists();
  }
}
