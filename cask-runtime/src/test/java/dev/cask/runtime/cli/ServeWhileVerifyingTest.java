package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.testing.TestToolpacks;
import dev.cask.runtime.toolpack.ToolpackLoader;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} over stdio answers {@code initialize} while the core still verifies, and nothing about a tool before
 * the core is verified: the core here holds verification until the test has seen the {@code initialize} answer.
 */
class ServeWhileVerifyingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CountDownLatch verifying = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  /** What stdout held when the core finished verifying. */
  private final CompletableFuture<String> outputWhenVerified = new CompletableFuture<>();

  /** A core that announces {@code demo 1.0.0} and verifies once released, with the outcome {@code opened} gives. */
  private RuntimeCore core(Function<ServeRequest, GovernedServer> opened) {
    return new RuntimeCore() {
      @Override
      public Optional<ToolpackLoader.Announced> announce(ServeRequest request) {
        return Optional.of(new ToolpackLoader.Announced("demo", "1.0.0"));
      }

      @Override
      public GovernedServer open(ServeRequest request) {
        verifying.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        outputWhenVerified.complete(out.toString(StandardCharsets.UTF_8));
        return opened.apply(request);
      }

      @Override
      public String confirm(String challengeId, Path auditLog, boolean approve) {
        throw new AssertionError();
      }

      @Override
      public AuditVerification verifyAudit(Path auditLog, String trustedKey) {
        throw new AssertionError();
      }
    };
  }

  private static GovernedServer server(String name, String version) {
    List<ToolDefinition> tools = TestToolpacks.tools("http://127.0.0.1:9", 0).stream().map(Tool::definition).toList();
    return GovernedServer.of(new GovernedTools() {
      @Override
      public List<ToolDefinition> listTools() {
        return tools;
      }

      @Override
      public ToolCallOutcome call(ToolCall call) {
        throw new AssertionError("no call in this test");
      }

      @Override
      public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
        throw new AssertionError("no call in this test");
      }
    }, name, version);
  }

  /** Starts serve in-process on a pipe; returns the exit code's future. */
  private CompletableFuture<Integer> serve(RuntimeCore core, PipedOutputStream stdin) throws Exception {
    PipedInputStream in = new PipedInputStream(stdin, 1 << 16);
    return CompletableFuture.supplyAsync(() -> CaskCli.run(
        new String[] {"serve", "--toolpack", "tp", "--lockfile", "l", "--signers", "s", "--trust-repo-signers"},
        core, in, out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
  }

  /** The JSON-RPC messages on stdout so far, waiting (at most a minute) until there are at least {@code count}. */
  private List<JsonNode> awaitMessages(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      List<JsonNode> messages = new ArrayList<>();
      for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
        messages.add(JSON.readTree(line));
      }
      if (messages.size() >= count) {
        return messages;
      }
      assertThat(System.nanoTime()).as("stdout holds only %s", messages).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void initializeIsAnsweredWhileVerifyingAndToolsListOnlyOnceVerified() throws Exception {
    PipedOutputStream stdin = new PipedOutputStream();
    CompletableFuture<Integer> exit = serve(core(request -> server("demo", "1.0.0")), stdin);
    stdin.write(START.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    assertThat(verifying.await(60, TimeUnit.SECONDS)).isTrue();

    List<JsonNode> beforeVerified = awaitMessages(1); // with verification held, only initialize can be answered
    assertThat(beforeVerified).hasSize(1);
    assertThat(beforeVerified.get(0).get("id").asInt()).isEqualTo(1);
    assertThat(beforeVerified.get(0).at("/result/serverInfo/name").asText()).isEqualTo("cask-demo");
    assertThat(beforeVerified.get(0).at("/result/serverInfo/version").asText()).isEqualTo("1.0.0");

    release.countDown();
    assertThat(outputWhenVerified.get(60, TimeUnit.SECONDS).lines()).hasSize(1); // nothing but initialize until then
    List<JsonNode> messages = awaitMessages(2);
    assertThat(messages.get(1).get("id").asInt()).isEqualTo(2);
    assertThat(messages.get(1).at("/result/tools").size()).isEqualTo(2);
    stdin.close();
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aFailedVerificationCutsTheOutputOffAndAnswersNothingAboutTools() throws Exception {
    PipedOutputStream stdin = new PipedOutputStream();
    CompletableFuture<Integer> exit = serve(core(request -> {
      throw new CaskException("cask.lock.yaml", "tools.get_repo", "signature does not verify", "approve it again");
    }), stdin);
    stdin.write(START.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    assertThat(verifying.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(awaitMessages(1).get(0).get("id").asInt()).isEqualTo(1);

    release.countDown();
    assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("signature does not verify");
    // The pending tools/list fails once verification failed; with the input at its end the transport ends, and
    // nothing it tried to write reached stdout.
    stdin.close();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("cask-stdio-serve")) {
        thread.join(60_000);
      }
    }
    assertThat(outputWhenVerified.get().lines()).hasSize(1);
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }

  @Test
  void aVerifiedToolpackThatIsNotTheAnnouncedOneIsRefused() throws Exception {
    PipedOutputStream stdin = new PipedOutputStream();
    CompletableFuture<Integer> exit = serve(core(request -> server("other", "1.0.0")), stdin);
    stdin.write(START.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    assertThat(verifying.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(awaitMessages(1).get(0).at("/result/serverInfo/name").asText()).isEqualTo("cask-demo");

    release.countDown();
    assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the toolpack changed while the server started (it announced demo 1.0.0, the verified one is other 1.0.0)");
    stdin.close();
  }
}
