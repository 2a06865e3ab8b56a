package dev.cask.runtime.cli;

import dev.cask.runtime.crypto.Ed25519Verifier;
import dev.cask.runtime.crypto.SigningKey;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.policy.Policy;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.GovernedTools;
import dev.cask.runtime.server.spi.ToolCall;
import dev.cask.runtime.server.spi.ToolCallOutcome;
import dev.cask.runtime.server.transport.ServerInfo;
import dev.cask.runtime.server.transport.StdioTransport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Work every {@code serve} needs before it can answer, done once on a background thread while picocli builds its
 * command model and parses the arguments (0.1 to 0.2 s on one core, with the other core idle): class initialisation;
 * Jackson's (de)serializers of the toolpack model on Cask's shared mappers and of the MCP messages on the shared wire
 * mapper (built once per mapper); the tables BouncyCastle builds on the first Ed25519 operation; SHA-256 and canonical
 * JSON. It works on a synthetic tool in memory ({@link TrainingToolpack#definition}), reads no file and decides
 * nothing: {@code serve} verifies exactly the same afterwards, whether the warm-up finished, failed or is still running
 * (a failure here is ignored; the real path then simply does the work itself).
 */
final class StartupWarmUp {
  private static final String NAME = "warm-up";

  private StartupWarmUp() {}

  /** Starts the warm-up for {@code serve} (other commands do not need it). */
  static void startFor(String[] args) {
    if (args.length > 0 && args[0].equals("serve") && !Boolean.getBoolean("cask.noWarmUp")) {
      Thread thread = new Thread(() -> run(), "cask-warm-up");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Whether every step ran (false when one failed; {@code serve} does not care, tests do). */
  static boolean run() {
    try {
      // In the order the start-up path needs them: Ed25519 (the gate-file thread checks signatures early), the
      // toolpack model (tools.json, policy.yaml), canonical digests, then the MCP session.
      byte[] message = "warm-up".getBytes(StandardCharsets.UTF_8);
      SigningKey key = SigningKey.fromSeed(new byte[32]);
      Ed25519Verifier.key(key.publicKey()).verify(message, Base64.getDecoder().decode(key.sign(message)));
      ToolDefinition definition = TrainingToolpack.definition(0);
      ToolSet set = ToolSet.of(NAME, List.of(new Tool(CanonicalJson.digest(definition), definition, null)));
      CaskFiles.parse(CaskMappers.json(), CaskFiles.prettyJson(set), NAME, ToolSet.class, NAME);
      Policy policy = TrainingToolpack.policy();
      CaskFiles.parse(CaskMappers.yaml(), CaskFiles.yaml(policy), NAME, Policy.class, NAME);
      StdioTransport.warmUp(new Listing(definition), new ServerInfo(NAME, "0", NAME));
      dev.cask.runtime.StartupTimings.mark("warm-up");
      return true;
    } catch (Throwable ignored) {
      // Only a head start: the real path does whatever did not happen here.
      return false;
    }
  }

  /** Lists one synthetic tool and refuses every call; never reachable by a client (its session is in memory). */
  private record Listing(ToolDefinition tool) implements GovernedTools {
    @Override
    public List<ToolDefinition> listTools() {
      return List.of(tool);
    }

    @Override
    public ToolCallOutcome call(ToolCall call) {
      return refuse("", call.tool(), NAME);
    }

    @Override
    public ToolCallOutcome refuse(String sessionId, String tool, String problem) {
      return new ToolCallOutcome(Decision.DENY, "warm_up", "Denied (warm_up)", null, true, null);
    }
  }
}
