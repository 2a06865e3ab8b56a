package dev.cask.runtime.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.server.audit.AuditEntry;
import dev.cask.runtime.server.testing.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The export against a real OTLP/HTTP receiver: every record of the log is exported as it was written, but only the
 * records that decide a call are counted as calls (intents, restarts, outcome-unknown and start records are the
 * server's own bookkeeping, not decisions).
 */
class OtlpAuditExportTest {
  private static final String LOCKFILE = "sha256:" + "a".repeat(64);

  private static AuditEntry entry(String decision, String reason, Integer status, Long intent) {
    return new AuditEntry("s1", "get_item", decision, reason, null, null, false, null, status, 1500, LOCKFILE,
        List.of(), null, intent, null, null);
  }

  @Test
  void everyRecordIsExportedAndOnlyDecisionsAreCountedAsCalls() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      OtlpAuditExport export = OtlpAuditExport.start(collector.url(), Map.of(), Map.of("cask.audit.log", "/a.jsonl"),
          () -> true, Duration.ofHours(1)); // metrics sent once, at close
      List<AuditEntry> entries = List.of(
          new AuditEntry("cask-runtime", "", AuditEntry.START, "trust_repo_signers", null, null, false, null, null, 0,
              LOCKFILE, List.of(), null, null, null, null),
          new AuditEntry("", "", AuditEntry.RESTART, "unclean_shutdown", null, null, false, null, null, 0, LOCKFILE,
              List.of(), null, null, null, 3L),
          entry("allow", AuditEntry.OUTCOME_UNKNOWN, null, 2L),
          entry("allow", AuditEntry.SENDING, null, null),
          entry("allow", "ok", 200, 4L),
          entry("deny", "state_unavailable", null, null));
      for (int i = 0; i < entries.size(); i++) {
        export.recorded(entries.get(i), i + 1, "sha256:" + i, "{\"seq\":" + (i + 1) + "}");
      }
      export.close();
      assertThat(export.summary()).isEqualTo("audit export to " + collector.url() + ": 6 record(s) delivered, 0 failed");

      assertThat(collector.logs()).extracting(OtlpReceiver.Log::body)
          .containsExactly("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}", "{\"seq\":5}", "{\"seq\":6}");
      assertThat(collector.logs()).extracting(l -> l.attributes().get("cask.decision"))
          .containsExactly("start", "restart", "allow", "allow", "allow", "deny");
      Map<String, Double> calls = new TreeMap<>();
      for (OtlpReceiver.Point point : collector.points()) {
        if (point.metric().equals("cask.calls")) {
          calls.put(point.attributes().get("cask.decision") + "/" + point.attributes().get("cask.reason"), point.value());
        }
      }
      assertThat(calls).isEqualTo(Map.of("allow/ok", 1.0, "deny/state_unavailable", 1.0));
      assertThat(collector.points()).filteredOn(p -> p.metric().equals("cask.upstream.responses"))
          .extracting(p -> p.attributes().get("cask.upstream.status_class") + "=" + p.value())
          .containsExactly("2xx=1.0");
    }
  }
}
