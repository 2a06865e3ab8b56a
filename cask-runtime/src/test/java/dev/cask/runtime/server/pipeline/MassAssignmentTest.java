package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mass assignment: a request body property the approved schema does not name never reaches the upstream, at any
 * depth and for every body media type, even when the approved schema (compiled before Cask closed body objects) does
 * not forbid it; only a place the source explicitly opened takes other properties.
 */
class MassAssignmentTest {
  @TempDir Path dir;
  private LocalUpstream upstream;
  private PipelineHarness harness;

  @BeforeEach
  void start() throws Exception {
    upstream = LocalUpstream.start();
    upstream.on("/", request -> LocalUpstream.Reply.json(200, "{}"));
    // schemas as older toolpacks carry them: the body's objects say nothing about other properties
    Tool json = ToolFixtures.tool("update_user").method(HttpMethod.PATCH).risk(RiskTier.WRITE).baseUrl(upstream.baseUrl())
        .path("/users/{id}").param("id", ParameterLocation.PATH, "{\"type\":\"string\"}")
        .body("application/json", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},"
            + "\"metadata\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}", true)
        .build();
    Tool form = ToolFixtures.tool("update_profile").method(HttpMethod.POST).risk(RiskTier.WRITE)
        .baseUrl(upstream.baseUrl()).path("/profile")
        .body("application/x-www-form-urlencoded", "{\"type\":\"object\",\"properties\":{\"bio\":{\"type\":\"string\"}}}", true)
        .build();
    PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32")).build();
    harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), json, form), settings);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void undeclaredBodyPropertiesAreRefusedAtEveryDepthAndNothingIsSent() {
    for (String body : List.of("{\"name\":\"n\",\"role\":\"admin\"}", "{\"address\":{\"city\":\"c\",\"isAdmin\":true}}",
        "{\"metadata\":{\"k\":\"v\"},\"id\":\"other-user\"}")) {
      ToolCallOutcome outcome = harness.call("update_user", "{\"id\":\"u1\",\"body\":" + body + "}");
      assertThat(outcome.reasonCode()).as(body).isEqualTo("invalid_arguments");
      assertThat(outcome.text()).as(body).containsAnyOf("role", "isAdmin", "id");
    }
    ToolCallOutcome form = harness.call("update_profile", "{\"body\":{\"bio\":\"b\",\"is_staff\":\"true\"}}");
    assertThat(form.reasonCode()).isEqualTo("invalid_arguments");
    assertThat(form.text()).contains("is_staff");
    ToolCallOutcome dryRun = harness.call("update_user", "{\"id\":\"u1\",\"body\":{\"role\":\"admin\"},\"_cask_dry_run\":true}");
    assertThat(dryRun.reasonCode()).isEqualTo("invalid_arguments");
    assertThat(upstream.count()).isZero();
  }

  @Test
  void namedPropertiesAndExplicitlyOpenPlacesAreSentAsGiven() {
    ToolCallOutcome outcome = harness.call("update_user",
        "{\"id\":\"u1\",\"body\":{\"name\":\"n\",\"address\":{\"city\":\"c\"},\"metadata\":{\"any-key\":\"v\"}}}");
    assertThat(outcome.reasonCode()).as(outcome.text()).isEqualTo("ok");
    assertThat(upstream.last().bodyText()).isEqualTo("{\"name\":\"n\",\"address\":{\"city\":\"c\"},\"metadata\":{\"any-key\":\"v\"}}");
    assertThat(harness.call("update_profile", "{\"body\":{\"bio\":\"b\"}}").reasonCode()).isEqualTo("ok");
    assertThat(upstream.last().bodyText()).isEqualTo("bio=b");
    // the explicit opening is for strings only, as the source says
    assertThat(harness.call("update_user", "{\"id\":\"u1\",\"body\":{\"metadata\":{\"k\":{\"nested\":1}}}}").reasonCode())
        .isEqualTo("invalid_arguments");
  }
}
