package dev.cask.runtime.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.server.testing.AuditLogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attacker who can write the audit log (and its checkpoint file) but cannot read the server key: whatever they do
 * to the records a checkpoint covers, {@code audit verify} reports the log as broken and a server refuses to continue
 * it. Every attack recomputes the hash chain, as anyone can (it is not keyed): the checkpoint is what catches it.
 */
class AuditTamperTest {
  @TempDir Path dir;
  private Path log;
  private List<String> original;

  /** A log a server closed cleanly: twelve records, allows with their intents and denies, and a final checkpoint. */
  @BeforeEach
  void writeLog() throws IOException {
    log = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      for (int i = 0; i < 4; i++) {
        long intent = audit.append(entry("get_" + i, "allow", AuditEntry.SENDING, null));
        audit.append(entry("get_" + i, "allow", "ok", intent));
        audit.append(entry("delete_" + i, "deny", "policy_deny", null));
      }
    }
    original = Files.readAllLines(log);
    assertThat(original).hasSize(12);
    assertThat(AuditLogTest.verify(log).complete()).as(AuditLogTest.verify(log).describe()).isTrue();
  }

  private static AuditEntry entry(String tool, String decision, String reason, Long intent) {
    return new AuditEntry("s", tool, decision, reason, null, null, false, null, reason.equals("ok") ? 200 : null, 5,
        AuditLogTest.LOCKFILE, List.of(), null, intent, null, null);
  }

  /** What anyone can do: renumber the records and recompute every hash, so the chain itself verifies again. */
  static List<String> rebuild(List<String> lines) throws IOException {
    return AuditLogs.rebuildChain(lines);
  }

  private void write(List<String> lines) throws IOException {
    Files.write(log, lines, StandardCharsets.US_ASCII);
  }

  private void assertBroken(String... problem) {
    assertVerifyBroken(problem);
    assertThatThrownBy(() -> AuditLogTest.open(log, Durability.INTERVAL).close())
        .as("a server must not continue this log").isInstanceOf(CaskException.class)
        .hasMessageContaining("cannot be continued").hasMessageContaining("audit verify");
  }

  /**
   * Only {@code audit verify} reads every record; a starting server checks that the record the checkpoint signed is
   * where it says, and every record after it (see {@link AuditRecovery}).
   */
  private void assertVerifyBroken(String... problem) {
    AuditVerification verification = AuditLogTest.verify(log);
    assertThat(verification.status()).as(verification.describe()).isEqualTo(AuditVerification.Status.BROKEN);
    assertThat(verification.describe()).contains(problem);
  }

  @Test
  void deletingEveryDenyAndRebuildingTheChainIsReported() throws IOException {
    List<String> kept = original.stream().filter(line -> !line.contains("\"decision\":\"deny\"")).toList();
    write(rebuild(kept));
    assertThat(AuditChainVerifier.verify(log, AuditLogTest.KEY.publicKey()).records()).as("the chain verifies").isEqualTo(8);

    assertBroken("ends after 8 records", "covers 12", "cut off or removed");
  }

  @Test
  void changingDecisionsAndRebuildingTheChainIsReported() throws IOException {
    write(rebuild(original.stream().map(line -> line.replace("\"decision\":\"deny\"", "\"decision\":\"allow\"")).toList()));

    assertBroken("records 1 to 12 are not the ones the signed checkpoint", "rebuilt");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 11})
  void cuttingOffTheTailIsReported(int cut) throws IOException {
    write(original.subList(0, original.size() - cut)); // whole records: the chain of what is left is intact

    assertBroken("ends after " + (12 - cut) + " records", "cut off or removed");
  }

  @Test
  void anEmptiedLogIsReported() throws IOException {
    Files.write(log, new byte[0]);

    assertBroken("the audit log is empty", "covers 12");
  }

  @Test
  void aDeletedLogIsReported() throws IOException {
    Files.delete(log);

    assertBroken("the audit log is missing", "covers 12 records");
    assertThat(log).as("refusing does not create a new log").doesNotExist();
  }

  @Test
  void reorderedRecordsAreReportedWithOrWithoutARebuiltChain() throws IOException {
    List<String> swapped = new ArrayList<>(original);
    Collections.swap(swapped, 2, 5);
    write(swapped);
    assertVerifyBroken("BROKEN at line 3", "'prev'");

    write(rebuild(swapped));
    assertBroken("not the ones the signed checkpoint", "reordered");
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsReported() throws IOException {
    List<String> kept = rebuild(original.subList(0, 6));
    write(kept);
    JsonNode last = CaskMappers.json().readTree(kept.get(5));
    SigningKey attacker = SigningKey.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});
    long bytes = Files.size(log);
    Checkpoint.sign(attacker, 6, bytes, last.path("hash").asText(), List.of(), "2026-01-01T00:00:00Z", true)
        .writeTo(Checkpoint.fileOf(log));

    assertBroken("is not signed by the trusted key", "forged");
  }

  @Test
  void aCheckpointWhoseSignedNumbersWereEditedIsReported() throws IOException {
    Path checkpoint = Checkpoint.fileOf(log);
    String signed = Files.readString(checkpoint);
    write(original.subList(0, 9));
    for (UnaryOperator<String> edit : List.<UnaryOperator<String>>of(
        text -> text.replace("\"records\":12", "\"records\":9"),
        text -> text.replace("\"final\":true", "\"final\":false"),
        text -> text.replace("\"sig\":\"", "\"sig\":\"A").replace("==\"}", "=\"}"))) {
      Files.writeString(checkpoint, edit.apply(signed));
      AuditVerification verification = AuditLogTest.verify(log);
      assertThat(verification.status()).as(verification.describe()).isEqualTo(AuditVerification.Status.BROKEN);
      assertThatThrownBy(() -> AuditLogTest.open(log, Durability.INTERVAL).close()).isInstanceOf(CaskException.class);
    }
  }

  @Test
  void recordsAppendedAfterTheFinalCheckpointAreNotProven() throws IOException {
    List<String> more = new ArrayList<>(original);
    more.add(original.get(1).replace("get_0", "get_forged"));
    write(rebuild(more)); // records 1 to 12 are unchanged: only the new one is rebuilt

    AuditVerification verification = AuditLogTest.verify(log);
    assertThat(verification.status()).as(verification.describe()).isEqualTo(AuditVerification.Status.INCOMPLETE);
    assertThat(verification.describe()).contains("records 13 to 13 are not covered by a checkpoint");
  }

  @Test
  void aDeletedCheckpointLeavesNoRecordProven() throws IOException {
    Files.delete(Checkpoint.fileOf(log));

    AuditVerification verification = AuditLogTest.verify(log);
    assertThat(verification.status()).as(verification.describe()).isEqualTo(AuditVerification.Status.INCOMPLETE);
    assertThat(verification.describe()).contains("there is no signed checkpoint", "none of the 12 records is proven");
  }

  @Test
  void aChangedRecordAfterTheCheckpointIsNotContinued() throws IOException {
    List<String> more = new ArrayList<>(original);
    more.add(original.get(2));
    List<String> lines = new ArrayList<>(rebuild(more)); // record 13 is not covered by the final checkpoint
    lines.set(12, lines.get(12).replace("policy_deny", "policy_xxxx"));
    write(lines);

    assertBroken("BROKEN at line 13", "hash does not match");
  }
}
