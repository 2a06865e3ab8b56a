package dev.cask.runtime.server.pipeline.bench;

import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.audit.Durability;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

/**
 * Measures what the enforcement pipeline adds to a call: the same request to the same local upstream, once directly
 * with Jetty's HttpClient (the client the pipeline uses) and once through {@link GovernedPipeline#call} (integrity,
 * schema validation, policy, rate limits, request building, SSRF guard, call, redaction by the shared engine, audit
 * record). The policy
 * allows the load (no rate limit, no budget), so the figures measure the pipeline, not the limiter. Not run by
 * {@code verify}; run it with:
 *
 * <pre>
 * ./mvnw -B -o -pl cask-runtime test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cask.runtime.server.pipeline.bench.PipelineBench [-Dexec.args="20000 8"]
 * </pre>
 *
 * Arguments: calls per measurement (default 20000), callers in flight for the throughput run (default 8);
 * {@code -Dbench.durability=ALWAYS} forces every audit record to disk before the call goes on.
 */
public final class PipelineBench {
  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = Files.createTempDirectory("cask-bench");
    try (LocalUpstream upstream = LocalUpstream.start(Math.max(8, inFlight * 2))) {
      upstream.recordRequests(false);
      upstream.otherwise(request -> LocalUpstream.Reply.json(200, "{\"id\":\"42\",\"name\":\"widget\",\"price\":12.5}"));
      Tool tool = ToolFixtures.tool("get_item").baseUrl(upstream.baseUrl()).path("/items/{id}")
          .param("id", ParameterLocation.PATH, "{\"type\":\"string\",\"maxLength\":16}")
          .param("verbose", ParameterLocation.QUERY, "verbose", "{\"type\":\"boolean\"}", null, null, false)
          .build();
      // -Dbench.durability=ALWAYS: every audit record forced to disk before the call goes on (default INTERVAL).
      PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"))
          .auditDurability(Durability.valueOf(System.getProperty("bench.durability", "INTERVAL")))
          .allowNetworks(List.of("127.0.0.1/32")).build();
      HttpClient direct = new HttpClient();
      direct.start();
      String directUrl = upstream.baseUrl() + "/items/42?verbose=true";
      try (GovernedPipeline pipeline = GovernedPipeline.start(TestPipelines.approved(TestPipelines.allowAll(), tool), settings)) {
        ToolCall call = new ToolCall("bench", "get_item", ToolFixtures.json("{\"id\":\"42\",\"verbose\":true}"), false);
        Runnable viaDirect = () -> {
          try {
            ContentResponse response = direct.newRequest(directUrl).send();
            if (response.getStatus() != 200) {
              throw new IllegalStateException("status " + response.getStatus());
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
        Runnable viaPipeline = () -> {
          ToolCallOutcome outcome = pipeline.call(call);
          if (!outcome.reasonCode().equals("ok")) {
            throw new IllegalStateException(outcome.text());
          }
        };
        ToolCall dry = new ToolCall("bench", "get_item", ToolFixtures.json("{\"id\":\"42\",\"verbose\":true}"), true);
        Runnable viaDryRun = () -> {
          if (!pipeline.call(dry).reasonCode().equals("dry_run")) {
            throw new IllegalStateException("dry run failed");
          }
        };
        System.out.printf(Locale.ROOT, "warm-up (%d calls each) ...%n", calls);
        latencies(viaDryRun, calls);
        latencies(viaDirect, calls);
        latencies(viaPipeline, calls);
        long[] directNanos = latencies(viaDirect, calls);
        long[] pipelineNanos = latencies(viaPipeline, calls);
        long[] dryNanos = latencies(viaDryRun, calls);
        report("pipeline, dry run (every step but the HTTP exchange)", dryNanos);
        report("direct HTTP call    ", directNanos);
        report("through the pipeline", pipelineNanos);
        System.out.printf(Locale.ROOT, "added by the pipeline: p50 %.3f ms, p99 %.3f ms%n",
            ms(percentile(pipelineNanos, 50) - percentile(directNanos, 50)),
            ms(percentile(pipelineNanos, 99) - percentile(directNanos, 99)));
        System.out.printf(Locale.ROOT, "throughput, %d in flight: direct %.0f calls/s, pipeline %.0f calls/s%n", inFlight,
            throughput(viaDirect, calls, inFlight), throughput(viaPipeline, calls, inFlight));
        System.out.println("audit log: " + pipeline.auditHead());
      } finally {
        direct.stop();
      }
    }
  }

  private static long[] latencies(Runnable call, int calls) {
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double throughput(Runnable call, int calls, int inFlight) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    AtomicInteger remaining = new AtomicInteger(calls);
    long start = System.nanoTime();
    Future<?>[] workers = new Future<?>[inFlight];
    for (int w = 0; w < inFlight; w++) {
      workers[w] = pool.submit(() -> {
        while (remaining.getAndDecrement() > 0) {
          call.run();
        }
      });
    }
    for (Future<?> worker : workers) {
      worker.get(10, TimeUnit.MINUTES);
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    return calls / (elapsed / 1e9);
  }

  private static void report(String label, long[] sorted) {
    System.out.printf(Locale.ROOT, "%s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", label,
        ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
