package dev.cask.runtime.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.LocalUpstream;
import dev.cask.runtime.server.testing.ToolFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argument values a JSON parser accepts but nothing after it can compute with (numbers beyond a double, whole numbers
 * beyond 2^53, deep nesting, huge values) are invalid arguments: never {@code error_internal}, never sent, audited.
 * Parsed by a plain Jackson mapper, as the MCP wire parses them.
 */
class ArgumentValuesTest {
  private static final ObjectMapper WIRE = new ObjectMapper();

  @TempDir Path dir;
  private LocalUpstream upstream;
  private PipelineHarness harness;

  @BeforeEach
  void start() throws Exception {
    upstream = LocalUpstream.start();
    upstream.on("/", request -> LocalUpstream.Reply.json(200, "{}"));
    Tool tool = ToolFixtures.tool("put_doc").method(HttpMethod.PUT).risk(RiskTier.WRITE).baseUrl(upstream.baseUrl())
        .path("/docs").body("application/json",
            "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"},\"i\":{\"type\":\"integer\"},"
                + "\"any\":{\"type\":\"array\"},\"text\":{\"type\":\"string\"}}}", true)
        .build();
    PipelineSettings settings = PipelineSettings.builder(dir.resolve("audit.jsonl"), TestPipelines.maskingRedactor())
        .allowNetworks(List.of("127.0.0.1/32")).build();
    harness = new PipelineHarness(TestPipelines.approved(TestPipelines.allowAll(), tool), settings);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private ToolCallOutcome call(String arguments) throws Exception {
    return harness.pipeline.call(new ToolCall("s", "put_doc", WIRE.readTree(arguments), false));
  }

  @Test
  void valuesNothingCanComputeWithAreInvalidArgumentsNamingWhere() throws Exception {
    Map<String, String> hostile = new java.util.LinkedHashMap<>();
    hostile.put("{\"body\":{\"n\":1e99999}}", "$.body.n: a number beyond the range");
    hostile.put("{\"body\":{\"n\":-1e99999}}", "$.body.n: a number beyond the range");
    hostile.put("{\"body\":{\"n\":1.7976931348623159e308}}", "$.body.n: a number beyond the range");
    hostile.put("{\"body\":{\"any\":[1,2,1E400]}}", "$.body.any[2]: a number beyond the range");
    hostile.put("{\"body\":{\"i\":9007199254740993}}", "$.body.i: a whole number beyond ±9007199254740992");
    hostile.put("{\"body\":{\"i\":-9007199254740993}}", "$.body.i: a whole number beyond");
    hostile.put("{\"body\":{\"i\":123456789012345678901234567890123456789}}", "$.body.i: a whole number beyond");
    hostile.put("{\"body\":{\"n\":1" + "0".repeat(900) + "}}", "$.body.n: a whole number beyond");
    hostile.put("{\"body\":{\"any\":" + "[".repeat(63) + "]".repeat(63) + "}}", "nested deeper than 64 levels");
    hostile.put("{\"body\":{\"any\":" + "[".repeat(900) + "]".repeat(900) + "}}", "nested deeper than 64 levels");
    hostile.put("{\"body\":{\"any\":[" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "]}}", "nested deeper than 64 levels");
    hostile.put("{\"body\":{\"text\":\"" + "x".repeat(2_000_000) + "\"}}", "larger than 1048576 bytes");
    hostile.put("{\"" + "k".repeat(600) + "\":1}", "k".repeat(90));
    for (Map.Entry<String, String> entry : hostile.entrySet()) {
      String shown = entry.getKey().substring(0, Math.min(60, entry.getKey().length()));
      ToolCallOutcome outcome = call(entry.getKey());
      assertThat(outcome.reasonCode()).as(shown).isEqualTo("invalid_arguments");
      assertThat(outcome.text()).as(shown).contains(entry.getValue()).hasSizeLessThan(2_000);
    }
    assertThat(upstream.count()).isZero();
    List<JsonNode> records = harness.auditRecords();
    assertThat(records).hasSize(hostile.size());
    assertThat(records).extracting(r -> r.path("reason").asText()).containsOnly("invalid_arguments");
    assertThat(harness.verifyAudit().intact()).isTrue();
  }

  @Test
  void valuesAtTheLimitsRunAndReachTheUpstreamUnchanged() throws Exception {
    String arguments = "{\"body\":{\"i\":9007199254740992,\"n\":-1.7976931348623157e308,\"any\":["
        + "[".repeat(61) + "-9007199254740992" + "]".repeat(61) + "]}}";
    ToolCallOutcome outcome = call(arguments);
    assertThat(outcome.reasonCode()).as(outcome.text()).isEqualTo("ok");
    JsonNode sent = WIRE.readTree(upstream.last().bodyText());
    assertThat(sent.get("i").longValue()).isEqualTo(9007199254740992L);
    assertThat(sent.get("n").doubleValue()).isEqualTo(-Double.MAX_VALUE);
    assertThat(sent.at("/any/0" + "/0".repeat(61)).longValue()).isEqualTo(-9007199254740992L);
  }
}
