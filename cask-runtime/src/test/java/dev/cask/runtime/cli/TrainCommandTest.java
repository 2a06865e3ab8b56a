package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.ServeRequest;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} must run the real start-up path (the archive it builds should hold those classes): its toolpack is
 * verified by the production core like any served one, every call is denied, and it leaves nothing behind.
 */
class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void theTrainingToolpackPassesTheRealVerifierAndServesNothingThatCallsOut() throws Exception {
    TrainingToolpack.Written files = TrainingToolpack.write(dir, 20);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VerifiedRuntimeCore core = new VerifiedRuntimeCore(Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
    GovernedServer server = core.open(new ServeRequest(files.toolpack(), files.lockfile(), files.signers(), null,
        dir.resolve("audit").resolve("audit.jsonl"), null, List.of(), false,
        new dev.cask.runtime.verification.TrustAnchors(
            List.of(new dev.cask.runtime.verification.TrustAnchors.Given("test", files.signersDigest())), null, true)));
    assertThat(server.tools().listTools()).hasSize(20);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("20 approved tool(s)");
    var outcome = server.tools().call(new ToolCall("s", "tool_0001",
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("owner", "o"), false));
    assertThat(outcome.decision()).isEqualTo(Decision.DENY);
    assertThat(outcome.reasonCode()).isEqualTo("policy_default_deny");
  }

  @Test
  void trainRunsBothTransportsAndDeletesWhatItWrote() throws Exception {
    String tmp = System.getProperty("java.io.tmpdir");
    List<Path> before = trainingDirectories(Path.of(tmp));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = CaskCli.run(new String[] {"train"}, new VerifiedRuntimeCore(Map.of(), stderr),
        new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), stderr, Map.of());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("verified toolpack cask-training").contains("training run done");
    assertThat(trainingDirectories(Path.of(tmp))).isEqualTo(before);
  }

  private static List<Path> trainingDirectories(Path tmp) throws Exception {
    try (var entries = Files.list(tmp)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("cask-train")).sorted().toList();
    }
  }
}
