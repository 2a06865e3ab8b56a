package dev.cask.runtime.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskMappers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.cask.runtime.crypto.Ed25519Keys;
import dev.cask.runtime.crypto.SigningKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);
  static final String LOCKFILE = "sha256:" + "1".repeat(64);

  @TempDir Path dir;

  static AuditLog open(Path file, Durability durability) {
    return AuditLog.open(file, durability, Clock.systemUTC(), KEY, LOCKFILE);
  }

  static AuditVerification verify(Path file) {
    return AuditChainVerifier.verify(file, KEY.publicKey());
  }

  private static AuditEntry entry(String tool, String decision) {
    return new AuditEntry("sess\u00e9\n", tool, decision, decision.equals("allow") ? "ok" : "policy_deny", "rule-1",
        "hmac-sha256:" + "0".repeat(64), false, null, decision.equals("allow") ? 200 : null, 1234,
        "sha256:" + "1".repeat(64), List.of(), null);
  }

  private Path writeLog(int records) {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = open(file, Durability.INTERVAL)) {
      for (int i = 0; i < records; i++) {
        log.append(entry("tool_" + i, i % 2 == 0 ? "allow" : "deny"));
      }
    }
    return file;
  }

  @Test
  void aLineIsExactlyTheCompactJsonObjectOfItsMembersWithTheHashOfEverythingBeforeIt() throws Exception {
    AuditEntry entry = new AuditEntry("s\u00e9\"\\\n", "t\u2028", "confirm", "confirmation_required", null, null, true,
        "abcdefghjkmn", null, 7, "sha256:" + "1".repeat(64), List.of("audit-1", "audit\"2"), "POST https://x/\u00fc");
    String prev = "sha256:" + "2".repeat(64);
    String line = AuditLines.line(42, "2026-03-01T10:00:00.123Z", prev, entry);

    // The same object written member by member with Jackson (non-ASCII escaped), as the format page shows it.
    java.io.StringWriter reference = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json = com.fasterxml.jackson.core.JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build().createGenerator(reference)) {
      json.writeStartObject();
      json.writeNumberField("v", 1);
      json.writeNumberField("seq", 42);
      json.writeStringField("time", "2026-03-01T10:00:00.123Z");
      json.writeStringField("session", entry.session());
      json.writeStringField("tool", entry.tool());
      json.writeStringField("decision", "confirm");
      json.writeStringField("reason", "confirmation_required");
      json.writeNullField("rule");
      json.writeNullField("args");
      json.writeBooleanField("dryRun", true);
      json.writeStringField("challenge", "abcdefghjkmn");
      json.writeNullField("upstreamStatus");
      json.writeNumberField("latencyMicros", 7);
      json.writeStringField("lockfile", entry.lockfileDigest());
      json.writeArrayFieldStart("auditRules");
      json.writeString("audit-1");
      json.writeString("audit\"2");
      json.writeEndArray();
      json.writeStringField("request", entry.request());
      json.writeStringField("prev", prev);
      json.writeEndObject();
    }
    String body = reference.toString().substring(0, reference.toString().length() - 1);
    assertThat(line).isEqualTo(body + ",\"hash\":\"" + AuditLines.hashOfBody(body) + "\"}");
    assertThat(line).matches("\\p{ASCII}*");
    assertThat(AuditLines.body(line)).isEqualTo(body);
  }

  @Test
  void recordsFormAVerifiableChainWithOneSchema() throws Exception {
    Path file = writeLog(5);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    JsonNode first = CaskMappers.json().readTree(lines.get(0));
    assertThat(first.path("seq").asLong()).isEqualTo(1);
    assertThat(first.path("prev").asText()).isEqualTo(AuditLines.GENESIS);
    assertThat(first.path("session").asText()).isEqualTo("sess\u00e9\n");
    assertThat(lines.get(0)).doesNotContain("\u00e9").contains("\\u00E9");
    List<String> fields = new ArrayList<>();
    first.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("v", "seq", "time", "session", "tool", "decision", "reason", "rule", "args",
        "dryRun", "challenge", "upstreamStatus", "latencyMicros", "lockfile", "prev", "hash");
    AuditVerification verification = verify(file);
    assertThat(verification.complete()).as(verification.describe()).isTrue();
    assertThat(verification.records()).isEqualTo(5);
    assertThat(verification.head()).isEqualTo(CaskMappers.json().readTree(lines.get(4)).path("hash").asText());
    assertThat(verification.describe()).startsWith("OK: 5 records")
        .contains("checkpoint of ", " (final) signed by " + Ed25519Keys.keyId(KEY.publicKey()) + " covers records 1 to 5");
  }

  @Test
  void reopeningContinuesTheChain() {
    Path file = writeLog(3);
    try (AuditLog log = open(file, Durability.ALWAYS)) {
      assertThat(log.records()).isEqualTo(3);
      log.append(entry("later", "allow"));
    }
    AuditVerification verification = verify(file);
    assertThat(verification.complete()).as(verification.describe()).isTrue();
    assertThat(verification.records()).isEqualTo(4);
  }

  @Test
  void changingAnyRecordIsReportedAtThatRecord() throws Exception {
    Path file = writeLog(6);
    List<String> lines = Files.readAllLines(file);
    lines.set(3, lines.get(3).replace("\"decision\":\"deny\"", "\"decision\":\"allow\""));
    Files.write(file, lines);
    AuditVerification verification = verify(file);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.brokenLine()).isEqualTo(4);
    assertThat(verification.records()).isEqualTo(3);
    assertThat(verification.problem()).contains("hash does not match");
  }

  @Test
  void recomputingTheHashOfAChangedRecordBreaksTheNextLink() throws Exception {
    Path file = writeLog(4);
    List<String> lines = Files.readAllLines(file);
    JsonNode record = CaskMappers.json().readTree(lines.get(1));
    String forged = AuditLines.line(2, record.path("time").asText(), record.path("prev").asText(), entry("forged", "allow"));
    lines.set(1, forged);
    Files.write(file, lines);
    AuditVerification verification = verify(file);
    assertThat(verification.brokenLine()).isEqualTo(3);
    assertThat(verification.problem()).contains("'prev'");
  }

  @Test
  void removedInsertedReorderedAndTruncatedRecordsAreReported() throws Exception {
    Path file = writeLog(5);
    List<String> original = Files.readAllLines(file);

    List<String> removed = new ArrayList<>(original);
    removed.remove(2);
    Files.write(file, removed);
    assertThat(verify(file).brokenLine()).isEqualTo(3);

    List<String> inserted = new ArrayList<>(original);
    inserted.add(1, original.get(0));
    Files.write(file, inserted);
    assertThat(verify(file).brokenLine()).isEqualTo(2);

    List<String> swapped = new ArrayList<>(original);
    Collections.swap(swapped, 1, 2);
    Files.write(file, swapped);
    assertThat(verify(file).brokenLine()).isEqualTo(2);

    String whole = String.join("\n", original) + "\n";
    Files.writeString(file, whole.substring(0, whole.length() - 20));
    AuditVerification truncated = verify(file);
    assertThat(truncated.brokenLine()).isEqualTo(5);
    assertThat(truncated.problem()).contains("incomplete");

    Files.writeString(file, whole.replace("\"v\":1,\"seq\":1", "\"v\":1,\"seq\":1,\"seq\":1"));
    assertThat(verify(file).brokenLine()).isEqualTo(1);
  }

  @Test
  void aLogEndingInAnIncompleteRecordIsNotContinued() throws Exception {
    Path file = writeLog(2);
    Files.writeString(file, "{\"v\":1,\"seq\":3", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> open(file, Durability.INTERVAL))
        .isInstanceOf(CaskException.class).hasMessageContaining("cannot be continued").hasMessageContaining("incomplete")
        .hasMessageContaining("audit verify");
  }

  @Test
  void twoServersCannotWriteOneLog() {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog first = open(file, Durability.INTERVAL)) {
      assertThatThrownBy(() -> open(file, Durability.INTERVAL))
          .isInstanceOf(CaskException.class).hasMessageContaining("in use");
    }
  }

  @Test
  void aFailedCheckpointFailsEveryLaterAppend() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = open(file, Durability.INTERVAL)) {
      log.append(entry("a", "allow"));
      Path checkpoint = Checkpoint.fileOf(file);
      Files.delete(checkpoint);
      Files.createDirectories(checkpoint.resolve("in-the-way")); // the next checkpoint cannot be renamed into place
      log.checkpoint(false);
      assertThat(log.healthy()).isFalse();
      assertThatThrownBy(() -> log.append(entry("b", "allow"))).isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("cannot write the audit checkpoint");
    }
  }

  @Test
  void aLogThatCannotBeForcedToDiskIsRefusedAtStart() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.createSymbolicLink(file, Path.of("/dev/full")); // fsync fails on it, so no checkpoint can cover anything
    assertThatThrownBy(() -> open(file, Durability.INTERVAL)).isInstanceOf(CaskException.class)
        .hasMessageContaining("cannot write the audit checkpoint");
  }

  @Test
  void concurrentAppendsAreNeitherLostNorInterleaved() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    int threads = 16;
    int perThread = 500;
    try (AuditLog log = open(file, Durability.INTERVAL)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.execute(() -> {
          for (int i = 0; i < perThread; i++) {
            log.append(entry("t" + thread + "_" + i, "allow"));
          }
        });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    AuditVerification verification = verify(file);
    assertThat(verification.intact()).as(verification.describe()).isTrue();
    assertThat(verification.records()).isEqualTo(threads * perThread);
    Set<String> tools = new HashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      tools.add(CaskMappers.json().readTree(line).path("tool").asText());
    }
    assertThat(tools).hasSize(threads * perThread);
  }

  @Test
  void aFailedWriteFailsEveryLaterAppend() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.createSymbolicLink(file, Path.of("/dev/full"));
    // An empty log its last server closed cleanly: nothing to sign at start-up, so the first write is the first I/O.
    Checkpoint.sign(KEY, 0, 0, AuditLines.GENESIS, List.of(), "2026-01-01T00:00:00Z", true)
        .writeTo(Checkpoint.fileOf(file));
    try (AuditLog log = open(file, Durability.INTERVAL)) {
      assertThatThrownBy(() -> log.append(entry("a", "allow"))).isInstanceOf(AuditUnavailableException.class);
      assertThat(log.healthy()).isFalse();
      assertThatThrownBy(() -> log.append(entry("b", "allow"))).isInstanceOf(AuditUnavailableException.class);
    }
  }
}
