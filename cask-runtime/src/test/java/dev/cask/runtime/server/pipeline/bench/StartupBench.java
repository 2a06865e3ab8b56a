package dev.cask.runtime.server.pipeline.bench;

import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How long the pipeline takes to start on a real toolpack, and whether it serves every tool of it (a tool whose binding
 * cannot be served safely stops start-up). Run with a compiled {@code tools.json} (for example GitHub's 1,223 tools):
 *
 * <pre>
 * ./mvnw -B -o -pl cask-runtime test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cask.runtime.server.pipeline.bench.StartupBench -Dexec.args="path/to/tools.json"
 * </pre>
 *
 * Every tool is dry-run once with empty arguments (each fails validation or succeeds; none may fail internally).
 */
public final class StartupBench {
  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long t0 = System.nanoTime();
    ToolSet tools = CaskFiles.readJson(file, file.toString(), ToolSet.class, null);
    long t1 = System.nanoTime();
    ApprovedTools approved = TestPipelines.approved(TestPipelines.allowAll(), tools.tools().toArray(Tool[]::new));
    long t2 = System.nanoTime();
    Path dir = Files.createTempDirectory("cask-startup");
    PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor()).build();
    try (GovernedPipeline pipeline = GovernedPipeline.start(approved, settings)) {
      long t3 = System.nanoTime();
      int internal = 0;
      int dryRuns = 0;
      for (Tool tool : tools.tools()) {
        ToolCallOutcome outcome = pipeline.call(new ToolCall("startup", tool.name(), null, true));
        if (outcome.reasonCode().equals("error_internal")) {
          internal++;
        } else if (outcome.reasonCode().equals("dry_run")) {
          dryRuns++;
        }
      }
      long t4 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%d tools: read tools.json %.0f ms, digests checked %.0f ms, pipeline started %.0f ms,"
              + " first dry run of every tool %.0f ms (%d ran, %d internal errors)%n",
          tools.tools().size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, dryRuns, internal);
      if (internal > 0) {
        System.exit(1);
      }
    }
  }
}
