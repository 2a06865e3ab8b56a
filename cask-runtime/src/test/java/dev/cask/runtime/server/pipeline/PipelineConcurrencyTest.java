package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10,000 calls, 32 in flight, against a real local upstream: every decision audited once, the chain intact, counts equal. */
class PipelineConcurrencyTest {
  private static final int CALLS = 10_000;
  private static final int IN_FLIGHT = 32;

  @TempDir Path dir;

  @Test
  void tenThousandCallsThirtyTwoInFlight() throws Exception {
    try (LocalUpstream upstream = LocalUpstream.start(IN_FLIGHT)) {
      upstream.recordRequests(false);
      Tool tool = ToolFixtures.tool("get_item").baseUrl(upstream.baseUrl()).path("/items/{id}")
          .param("id", ParameterLocation.PATH, "{\"type\":\"string\",\"maxLength\":8}").build();
      // Generous timeouts: this test is about ordering, counting and the audit chain under concurrency, and CI machines
      // shared by several builds can stall the first burst of connections for seconds.
      PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"))
          .allowNetworks(List.of("127.0.0.1/32"))
          .upstream(new dev.cask.runtime.server.upstream.UpstreamSettings(
              java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(120), 1 << 20, 0))
          .build();
      AtomicInteger allowed = new AtomicInteger();
      AtomicInteger denied = new AtomicInteger();
      AtomicInteger other = new AtomicInteger();
      java.util.Map<String, Integer> otherReasons = new java.util.concurrent.ConcurrentHashMap<>();
      try (PipelineHarness harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), tool), settings)) {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Future<?>> futures = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
          String id = i % 4 == 3 ? "too-long-for-the-schema" : Integer.toString(i);
          inFlight.acquire();
          futures.add(pool.submit(() -> {
            try {
              ToolCallOutcome outcome = harness.pipeline.call(
                  new ToolCall("load", "get_item", ToolFixtures.json("{\"id\":\"" + id + "\"}"), false));
              if (outcome.decision() == Decision.ALLOW && outcome.reasonCode().equals("ok")) {
                allowed.incrementAndGet();
              } else if (outcome.decision() == Decision.DENY && outcome.reasonCode().equals("invalid_arguments")) {
                denied.incrementAndGet();
              } else {
                other.incrementAndGet();
                otherReasons.merge(outcome.decision() + " " + outcome.reasonCode() + ": " + outcome.text(), 1, Integer::sum);
              }
            } finally {
              inFlight.release();
            }
          }));
        }
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(other.get()).as("unexpected outcomes: %s", otherReasons).isZero();
        assertThat(allowed.get()).isEqualTo(CALLS * 3 / 4);
        assertThat(denied.get()).isEqualTo(CALLS / 4);
        assertThat(upstream.count()).isEqualTo(allowed.get());

        AuditVerification verification = harness.verifyAudit();
        assertThat(verification.intact()).as(verification.describe()).isTrue();
        assertThat(verification.records()).as("an outcome per call and an intent per call sent").isEqualTo(CALLS + allowed.get());
        int allowRecords = 0;
        int denyRecords = 0;
        java.util.Map<Long, JsonNode> intents = new java.util.HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(harness.auditLog)) {
          String line;
          while ((line = reader.readLine()) != null) {
            JsonNode record = CaskMappers.json().readTree(line);
            if (record.path("reason").asText().equals("sending")) {
              intents.put(record.path("seq").asLong(), record);
            } else if (record.path("decision").asText().equals("allow")) {
              allowRecords++;
              // Each outcome names the intent of the same call, written before it and still without an outcome.
              JsonNode intent = intents.remove(record.path("intent").asLong());
              assertThat(intent).as("the intent of %s", record).isNotNull();
              assertThat(intent.path("args").asText()).isEqualTo(record.path("args").asText());
            } else if (record.path("decision").asText().equals("deny")) {
              denyRecords++;
            }
          }
        }
        assertThat(allowRecords).isEqualTo(allowed.get());
        assertThat(intents).as("intents without an outcome").isEmpty();
        assertThat(denyRecords).isEqualTo(denied.get());
      }
    }
  }
}
