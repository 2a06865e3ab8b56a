package dev.cask.runtime.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that starts on a log its last run did not close cleanly continues it, and says so in the log and on stderr:
 * a restart record with how far the last checkpoint reached, and an unknown outcome for every call that was on its way
 * to the upstream. {@code audit verify} names both.
 */
class AuditRecoveryTest {
  @TempDir Path dir;

  private static AuditEntry entry(String tool, String reason, Long intent) {
    return new AuditEntry("session-7", tool, "allow", reason, "allow-write", "hmac-sha256:" + "a".repeat(64), false,
        "abcdefghjkmn", reason.equals("ok") ? 201 : null, 5, AuditLogTest.LOCKFILE, List.of(), null, intent, "cli",
        null);
  }

  private static List<JsonNode> records(Path log) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      records.add(CaskMappers.json().readTree(line));
    }
    return records;
  }

  @Test
  void anIntentWithoutOutcomeIsReportedAndDeclaredUnknownAtTheNextStart() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      long done = audit.append(entry("create_note", AuditEntry.SENDING, null));
      audit.append(entry("create_note", "ok", done));
      audit.append(entry("create_note", AuditEntry.SENDING, null)); // its outcome never comes
    }
    AuditVerification before = AuditLogTest.verify(log);
    assertThat(before.status()).as(before.describe()).isEqualTo(AuditVerification.Status.INCOMPLETE);
    assertThat(before.findings()).anySatisfy(finding -> assertThat(finding)
        .startsWith("line 3 (").contains("\"create_note\" (challenge \"abcdefghjkmn\") was being sent to the upstream"
            + " and has no outcome record"));

    List<String> report;
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      report = audit.startReport();
    }
    assertThat(report).hasSize(2);
    assertThat(report.get(0)).contains("did not stop cleanly", "recorded as line 4");
    assertThat(report.get(1)).contains("\"create_note\"", "(line 3) and has no outcome", "outcome_unknown (line 5)");
    List<JsonNode> records = records(log);
    assertThat(records).extracting(r -> r.path("reason").asText())
        .containsExactly("sending", "ok", "sending", "unclean_stop", "outcome_unknown");
    JsonNode restart = records.get(3);
    assertThat(restart.path("decision").asText()).isEqualTo("restart");
    assertThat(restart.path("covered").asLong()).as("the final checkpoint covered all three").isEqualTo(3);
    JsonNode unknown = records.get(4);
    assertThat(unknown.path("intent").asLong()).isEqualTo(3);
    assertThat(unknown.path("tool").asText()).isEqualTo("create_note");
    assertThat(unknown.path("session").asText()).isEqualTo("session-7");
    assertThat(unknown.path("challenge").asText()).isEqualTo("abcdefghjkmn");
    assertThat(unknown.path("approvedVia").asText()).isEqualTo("cli");

    AuditVerification after = AuditLogTest.verify(log);
    assertThat(after.status()).as(after.describe()).isEqualTo(AuditVerification.Status.INCOMPLETE);
    assertThat(after.describe()).contains("line 4 (", "restarted after an unclean stop",
        "line 5: the outcome of the call at line 3 (\"create_note\") is unknown")
        .doesNotContain("has no outcome record");
  }

  @Test
  void recordsWrittenAfterTheLastCheckpointAreContinuedAndNamed() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      audit.append(entry("create_note", AuditEntry.SENDING, null));
      audit.append(entry("create_note", "ok", 1L));
    }
    // As a server killed before its next checkpoint leaves them: two more records, the second an intent.
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.add(lines.get(0));
    lines.add(lines.get(0));
    List<String> rebuilt = AuditTamperTest.rebuild(lines);
    assertThat(rebuilt.subList(0, 2)).isEqualTo(lines.subList(0, 2));
    Files.write(log, rebuilt, StandardCharsets.US_ASCII);

    List<String> report;
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      report = audit.startReport();
    }
    assertThat(report.get(0)).contains("records 3 to 4 came after its last checkpoint");
    assertThat(report).hasSize(3).last().asString().contains("(line 4)", "outcome_unknown (line 7)");
    assertThat(records(log)).extracting(r -> r.path("reason").asText())
        .containsExactly("sending", "ok", "sending", "sending", "unclean_stop", "outcome_unknown", "outcome_unknown");

    AuditVerification verification = AuditLogTest.verify(log);
    assertThat(verification.status()).as(verification.describe()).isEqualTo(AuditVerification.Status.INCOMPLETE);
    assertThat(verification.describe()).contains("records 3 to 4 had no checkpoint and were adopted as found");
  }

  @Test
  void aCleanStopLeavesNothingToReport() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    for (int run = 0; run < 3; run++) {
      try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
        assertThat(audit.startReport()).isEmpty();
        long intent = audit.append(entry("create_note", AuditEntry.SENDING, null));
        audit.append(entry("create_note", "ok", intent));
      }
    }
    assertThat(records(log)).hasSize(6).extracting(r -> r.path("decision").asText()).containsOnly("allow");
    assertThat(AuditLogTest.verify(log).complete()).isTrue();
  }

  @Test
  void aLogWithoutCheckpointIsContinuedAsFoundAndSaidSo() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      audit.append(entry("create_note", "policy_deny", null));
    }
    Files.delete(Checkpoint.fileOf(log)); // as a log written before checkpoints existed

    try (AuditLog audit = AuditLogTest.open(log, Durability.INTERVAL)) {
      assertThat(audit.startReport()).singleElement().asString().contains("has no signed checkpoint");
    }
    JsonNode restart = records(log).get(1);
    assertThat(restart.path("reason").asText()).isEqualTo("no_checkpoint");
    assertThat(restart.path("covered").asLong()).isZero();
    assertThat(AuditLogTest.verify(log).describe()).contains("records 1 to 1 had no checkpoint and were adopted");
  }
}
