package dev.cask.runtime.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.pipeline.ApprovedTools;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code explain_call}: what {@code serve} decides about a call, decided by the same pipeline ({@link
 * GovernedPipeline#explaining}, built from the same verified toolpack and settings) as a dry run, against the serving
 * server's rate-limit windows ({@link ServedCounts}).
 *
 * <p>What explaining does to state: nothing. No audit record is written (the serving server owns its log), no
 * confirmation challenge is issued, no intent is recorded, nothing is sent, and the rate limits and budgets are checked,
 * never counted. The answer is {@code serve}'s decision and reason for the same call, except that a call the pipeline
 * would send is reported as {@code allow} / {@code sending} (its outcome is the upstream's) and a call that needs a
 * confirmation as {@code confirm} / {@code confirmation_required}: a challenge presented with
 * {@code _cask_confirmation} is checked, and used up, only by the real call.
 */
final class CallExplainer implements AutoCloseable {
  private final ApprovedTools approved;
  private final PipelineSettings settings;
  private final boolean browser;
  private final ServedCounts counts;
  private GovernedPipeline pipeline;

  CallExplainer(ApprovedTools approved, PipelineSettings settings, boolean browser, Path auditLog, Clock clock) {
    this.approved = approved;
    this.settings = settings;
    this.browser = browser;
    this.counts = new ServedCounts(auditLog, clock);
    this.pipeline = GovernedPipeline.explaining(approved, settings, counts.limiter(), browser);
  }

  /** The explanation of one call, as JSON. */
  synchronized ObjectNode explain(String tool, JsonNode arguments) {
    if (counts.follow(pipeline::countedLimits)) {
      pipeline.close();
      pipeline = GovernedPipeline.explaining(approved, settings, counts.limiter(), browser);
    }
    ToolCallOutcome outcome = pipeline.explain(new ToolCall("inspect", tool, arguments, false));
    return describe(outcome, arguments != null && arguments.has("_cask_confirmation"));
  }

  static ObjectNode describe(ToolCallOutcome outcome, boolean presentsChallenge) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    String decision = outcome.decision().wireName();
    String reason = outcome.reasonCode();
    boolean dryRun = "dry_run".equals(reason);
    if (dryRun) {
      reason = "confirm".equals(decision) ? "confirmation_required" : "sending";
    }
    answer.put("decision", decision);
    answer.put("reason", reason);
    JsonNode meta = outcome.meta();
    if (meta != null) {
      if (meta.hasNonNull("rule")) {
        answer.put("rule", meta.get("rule").asText());
      }
      if (meta.hasNonNull("limit")) {
        answer.put("limit", meta.get("limit").asText());
      }
      if (meta.hasNonNull("retry_after_ms")) {
        answer.put("retry_after_ms", meta.get("retry_after_ms").asLong());
      }
    }
    answer.put("sends", dryRun && "allow".equals(decision));
    answer.put("text", outcome.text());
    if (presentsChallenge && dryRun) {
      answer.put("note", "the call presents a confirmation challenge: only the real call checks it (and uses it up)");
    }
    return answer;
  }

  @Override
  public synchronized void close() {
    pipeline.close();
  }
}
