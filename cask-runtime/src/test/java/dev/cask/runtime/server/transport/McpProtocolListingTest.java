package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.testing.TestToolpacks;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code tools/list} result is rendered once, ahead of the request: the answer must be exactly what serializing
 * the SDK's {@code ListToolsResult} of the approved tools gives, through byte and character based writers alike (stdio
 * writes bytes; an HTTP answer may be written as text), and the same on every request.
 */
class McpProtocolListingTest {
  private final ObjectMapper mapper = McpWire.mapper();

  private final List<ToolDefinition> definitions = definitions();

  /** Generated tools, one described beyond ASCII (the text form is decoded from the rendered bytes). */
  private static List<ToolDefinition> definitions() {
    List<ToolDefinition> all = new java.util.ArrayList<>(
        TestToolpacks.tools("https://api.example.com", 40).stream().map(Tool::definition).toList());
    ToolDefinition d = all.get(0);
    all.set(0, new ToolDefinition(d.name(), "Grüße, 東京 \uD83D\uDE80 \"quoted\" \\ </script>", d.method(), d.baseUrl(),
        d.path(), d.inputSchema(), d.outputSchema(), d.risk(), d.annotations(), d.binding(), d.security(),
        d.deprecated()));
    return List.copyOf(all);
  }

  private final GovernedTools tools = new ListingOnlyTools(definitions);

  @Test
  void thePreparedListIsTheSerializedListOfTheApprovedTools() throws Exception {
    McpProtocol protocol = new McpProtocol(tools, new ServerInfo("cask-test", "1", "test"), mapper,
        Schedulers.immediate(), false);
    Object first = list(protocol);
    Object second = list(protocol);

    McpTools conversion = new McpTools(tools, mapper);
    McpSchema.ListToolsResult expected =
        new McpSchema.ListToolsResult(definitions.stream().map(conversion::toMcp).toList(), null);
    McpSchema.JSONRPCResponse expectedAnswer = new McpSchema.JSONRPCResponse("2.0", 7, expected, null);
    byte[] expectedBytes = mapper.writeValueAsBytes(expectedAnswer);
    for (Object result : List.of(first, second)) {
      McpSchema.JSONRPCResponse answer = new McpSchema.JSONRPCResponse("2.0", 7, result, null);
      assertThat(mapper.writeValueAsBytes(answer)).isEqualTo(expectedBytes);
      assertThat(mapper.writeValueAsString(answer)).isEqualTo(new String(expectedBytes, StandardCharsets.UTF_8));
    }
    assertThat(new String(expectedBytes, StandardCharsets.UTF_8)).contains("\"list_things_0039\"", "\"inputSchema\"", "Grüße, 東京");
  }

  @SuppressWarnings("unchecked")
  private static Object list(McpProtocol protocol) {
    return ((Mono<Object>) protocol.requestHandlers().get(McpSchema.METHOD_TOOLS_LIST).handle(null, null)).block();
  }
}
