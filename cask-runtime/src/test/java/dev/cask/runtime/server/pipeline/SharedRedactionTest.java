package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.LocalUpstream.Reply;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with its default redaction, the shared engine: what the agent and the audit log never see. */
class SharedRedactionTest {
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  @TempDir Path dir;

  @Test
  void responsesDryRunsAndSummariesAreRedactedByTheSharedEngine() throws Exception {
    try (LocalUpstream upstream = LocalUpstream.start()) {
      upstream.on("/accounts", request -> Reply.json(200,
          "{\"name\":\"Ada\",\"access_token\":\"at-998877\",\"owner\":{\"email\":\"ada@example.com\",\"password\":\"hunter2\"},"
              + "\"note\":\"Bearer " + JWT + "\"}"));
      upstream.on("/form", request -> new Reply(200, Map.of("Content-Type", "application/x-www-form-urlencoded"),
          "user=ada&client_secret=cs-4455".getBytes(StandardCharsets.UTF_8)));
      Tool accounts = ToolFixtures.tool("get_account").baseUrl(upstream.baseUrl()).path("/accounts")
          .param("api_key", ParameterLocation.QUERY, "api_key", "{\"type\":\"string\"}", null, null, false)
          .param("trace", ParameterLocation.HEADER, "X-Trace", "{\"type\":\"string\"}", null, null, false).build();
      Tool form = ToolFixtures.tool("get_form").method(HttpMethod.GET).baseUrl(upstream.baseUrl()).path("/form").build();
      PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl")).allowNetworks(List.of("127.0.0.1/32")).build();
      try (PipelineHarness harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), accounts, form), settings)) {
        ToolCallOutcome outcome = harness.call("get_account", "{\"api_key\":\"k-123456\"}");
        assertThat(outcome.reasonCode()).isEqualTo("ok");
        assertThat(outcome.text()).contains("\"name\":\"Ada\"").contains("[REDACTED:")
            .doesNotContain("at-998877").doesNotContain("hunter2").doesNotContain("ada@example.com").doesNotContain(JWT);
        assertThat(upstream.last().rawQuery()).as("the upstream gets the real value").isEqualTo("api_key=k-123456");

        ToolCallOutcome formOutcome = harness.call("get_form", "{}");
        assertThat(formOutcome.text()).contains("user=ada").doesNotContain("cs-4455");

        ToolCallOutcome dry = harness.call("get_account", "{\"api_key\":\"k-123456\",\"trace\":\"" + JWT + "\",\"_cask_dry_run\":true}");
        assertThat(dry.text()).contains("GET " + upstream.baseUrl() + "/accounts?api_key=").doesNotContain("k-123456").doesNotContain(JWT);
        assertThat(Files.readString(harness.auditLog)).doesNotContain("k-123456").doesNotContain("at-998877");
      }
    }
  }
}
