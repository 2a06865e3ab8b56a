package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.testing.AuditLogs;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.testing.EchoUpstream;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streamable HTTP in front of the real pipeline, spoken to with the MCP Java SDK's own client: unknown tools are denied
 * and audited, and a confirmation is asked for in the client (elicitation over the call's SSE stream, the answer in a
 * second POST).
 */
class HttpGovernedCallsTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> WRITE_ARGS =
      Map.of("owner", "octo", "repo", "hello", "body", Map.of("title", "Found a bug"));

  @TempDir Path dir;
  private EchoUpstream upstream;
  private GovernedPipeline pipeline;
  private HttpTransport transport;
  private final List<McpSchema.ElicitFormRequest> prompts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    upstream = EchoUpstream.start();
    List<Tool> tools = TestToolpacks.tools(upstream.baseUrl(), 0);
    pipeline = GovernedPipeline.start(
        TestPipelines.approved(SignedToolpacks.confirmWrites(), tools.toArray(Tool[]::new)),
        PipelineSettings.builder(dir.resolve("audit.jsonl")).allowNetworks(List.of("127.0.0.1/32")).build());
    transport = GovernedServer.of(pipeline, "test-api", "1.0").withElicitation()
        .startHttp(new HttpSettings("127.0.0.1", 0, TOKEN, List.of(), List.of()));
  }

  @AfterEach
  void stop() {
    transport.close();
    pipeline.close();
    upstream.close();
  }

  private McpSyncClient client(Function<McpSchema.ElicitFormRequest, ElicitResult> person, boolean applyDefaults) {
    HttpClientStreamableHttpTransport http =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + transport.port())
            .endpoint(HttpTransport.MCP_PATH)
            .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + TOKEN))
            .build();
    McpSyncClient client = McpClient.sync(http)
        .requestTimeout(Duration.ofSeconds(30))
        .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
        .elicitation(request -> {
          prompts.add(request);
          return person.apply(request);
        })
        .applyElicitationDefaults(applyDefaults)
        .build();
    client.initialize();
    return client;
  }

  private List<JsonNode> audit() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("audit.jsonl"))) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  private static String reason(CallToolResult result) {
    return String.valueOf(result.meta().get("dev.cask/reason"));
  }

  @Test
  void anUnknownToolIsADenialTheAgentCanReadAndIsAudited() throws Exception {
    McpSyncClient client = client(request -> new ElicitResult(ElicitResult.Action.DECLINE, null), false);
    try {
      CallToolResult result = client.callTool(new CallToolRequest("delete_everything", Map.of()));
      assertThat(result.isError()).isTrue();
      assertThat(reason(result)).isEqualTo("unknown_tool");
      assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("delete_everything");
    } finally {
      client.closeGracefully();
    }
    JsonNode record = audit().get(0);
    assertThat(record.path("reason").asText()).isEqualTo("unknown_tool");
    assertThat(record.path("tool").asText()).isEqualTo("delete_everything");
    assertThat(record.path("session").asText()).hasSizeGreaterThan(8); // the MCP session id, not a placeholder
    assertThat(upstream.requests()).isZero();
  }

  @Test
  void aPersonApprovesInTheClientOverHttpAndTheCallRunsOnce() throws Exception {
    McpSyncClient client =
        client(request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of(ClientConfirmation.APPROVE, true)), false);
    try {
      CallToolResult result = client.callTool(new CallToolRequest("create_issue", WRITE_ARGS));
      assertThat(result.isError()).as("%s", result).isFalse();
      assertThat(reason(result)).isEqualTo("ok");
    } finally {
      client.closeGracefully();
    }
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0).message()).contains("create_issue").contains("Found a bug");
    assertThat(upstream.requests()).isEqualTo(1);
    assertThat(audit()).extracting(r -> r.path("reason").asText())
        .containsExactly("confirmation_required", "confirmation_approved", "sending", "ok");
    assertThat(AuditLogs.verify(dir.resolve("audit.jsonl")).intact()).isTrue();
  }

  @Test
  void aClientThatFillsInDefaultsDeclines() throws Exception {
    // The client accepts without the person ticking anything; SEP-1034 defaults make approve false.
    McpSyncClient client = client(request -> new ElicitResult(ElicitResult.Action.ACCEPT, new java.util.HashMap<>()), true);
    try {
      CallToolResult result = client.callTool(new CallToolRequest("create_issue", WRITE_ARGS));
      assertThat(result.isError()).isTrue();
      assertThat(reason(result)).isEqualTo("confirmation_declined");
    } finally {
      client.closeGracefully();
    }
    assertThat(upstream.requests()).isZero();
    assertThat(audit()).extracting(r -> r.path("reason").asText())
        .containsExactly("confirmation_required", "confirmation_declined");
  }
}
