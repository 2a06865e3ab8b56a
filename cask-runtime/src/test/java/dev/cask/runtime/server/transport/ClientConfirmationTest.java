package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.server.pipeline.GovernedPipeline;
import dev.cask.runtime.server.pipeline.PipelineSettings;
import dev.cask.runtime.server.pipeline.TestPipelines;
import dev.cask.runtime.server.spi.ConfirmationAnswer;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.SignedToolpacks;
import dev.cask.runtime.server.testing.TestToolpacks;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** Asking the person in the client: how answers are read, and how many prompts may wait at once. */
class ClientConfirmationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private GovernedPipeline pipeline;

  @BeforeEach
  void start() {
    List<Tool> tools = TestToolpacks.tools("http://127.0.0.1:1", 0);
    pipeline = GovernedPipeline.start(TestPipelines.approved(SignedToolpacks.confirmWrites(), tools.toArray(Tool[]::new)),
        PipelineSettings.builder(dir.resolve("audit.jsonl")).allowNetworks(List.of("127.0.0.1/32")).build());
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void onlyAnAcceptedFormWithTheBoxTickedApproves() {
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true))))
        .isEqualTo(ConfirmationAnswer.APPROVED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", false))))
        .isEqualTo(ConfirmationAnswer.DECLINED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", "true"))))
        .isEqualTo(ConfirmationAnswer.DECLINED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.ACCEPT, Map.of())))
        .isEqualTo(ConfirmationAnswer.DECLINED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.ACCEPT, null)))
        .isEqualTo(ConfirmationAnswer.DECLINED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.DECLINE, Map.of("approve", true))))
        .isEqualTo(ConfirmationAnswer.DECLINED);
    assertThat(ClientConfirmation.answerOf(new ElicitResult(ElicitResult.Action.CANCEL, Map.of("approve", true))))
        .isEqualTo(ConfirmationAnswer.UNANSWERED);
  }

  @Test
  void atMostSoManyPromptsWaitAtOnceAndTheRestGoToTheAgentForConfirm() {
    AtomicInteger asked = new AtomicInteger();
    Sinks.One<Object> never = Sinks.one();
    McpAsyncServerExchange exchange = exchange(new Silent(asked, never));
    ClientConfirmation confirmation = new ClientConfirmation(pipeline, Schedulers.immediate());

    List<Disposable> waiting = new ArrayList<>();
    for (int i = 0; i < ClientConfirmation.MAX_WAITING; i++) {
      ToolCall call = write(i);
      ToolCallOutcome challenge = pipeline.call(call);
      waiting.add(confirmation.ask(exchange, call, challenge).subscribe());
    }
    assertThat(asked.get()).isEqualTo(ClientConfirmation.MAX_WAITING);

    ToolCall oneMore = write(999);
    ToolCallOutcome challenge = pipeline.call(oneMore);
    ToolCallOutcome answer = confirmation.ask(exchange, oneMore, challenge).block();
    assertThat(asked.get()).as("not asked: too many prompts wait").isEqualTo(ClientConfirmation.MAX_WAITING);
    assertThat(answer).isSameAs(challenge);
    assertThat(answer.reasonCode()).isEqualTo("confirmation_required");

    waiting.get(0).dispose(); // one prompt ends (here: its call was cancelled): a place is free again
    ToolCall next = write(1000);
    confirmation.ask(exchange, next, pipeline.call(next)).subscribe();
    assertThat(asked.get()).isEqualTo(ClientConfirmation.MAX_WAITING + 1);
    waiting.forEach(Disposable::dispose);
  }

  private static ToolCall write(int i) {
    try {
      return new ToolCall("s", "create_issue",
          JSON.readTree("{\"owner\":\"o\",\"repo\":\"r\",\"body\":{\"title\":\"t" + i + "\"}}"), false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static McpAsyncServerExchange exchange(McpLoggableSession session) {
    return new McpAsyncServerExchange("s", session, McpSchema.ClientCapabilities.builder().elicitation().build(),
        new McpSchema.Implementation("test", "1"), McpTransportContext.EMPTY);
  }

  /** A client that receives prompts and never answers them. */
  private record Silent(AtomicInteger asked, Sinks.One<Object> never) implements McpLoggableSession {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
      return Mono.defer(() -> {
        asked.incrementAndGet();
        return (Mono<T>) never.asMono();
      });
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
      return Mono.empty();
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }

    @Override
    public void close() {}

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel level) {}

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
      return false;
    }
  }
}
