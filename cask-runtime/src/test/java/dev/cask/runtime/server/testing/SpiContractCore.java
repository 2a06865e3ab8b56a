package dev.cask.runtime.server.testing;

import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CaskFiles;
import dev.cask.runtime.model.toolpack.ToolSet;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test composition of {@link RuntimeCore} around {@link SpiContractTools}: it reads {@code tools.json} from the
 * toolpack directory and keeps confirmations in {@code <toolpack>/.state}. It verifies nothing (the real core does);
 * it exists so the transports, the CLI and real MCP clients can be tested before the core is merged.
 */
public final class SpiContractCore implements RuntimeCore {
  @Override
  public GovernedServer open(ServeRequest request) {
    if (!Files.isDirectory(request.toolpack())) {
      throw new CaskException(request.toolpack().toString(), null, "not a toolpack directory", "compile one first");
    }
    ToolSet tools =
        CaskFiles.readJson(request.toolpack().resolve("tools.json"), "tools.json", ToolSet.class, "recompile");
    return GovernedServer.of(
        new SpiContractTools(tools.tools(), stateDir(request.toolpack()), request.dryRun()), tools.toolpack(), "test");
  }

  public static Path stateDir(Path toolpack) {
    return toolpack.resolve(".state");
  }

  @Override
  public String confirm(String challengeId, Path stateDir, boolean approve) { // stateDir: the --audit-log value
    if (stateDir == null || !challengeId.matches("[0-9a-f]{10}")) {
      throw new CaskException("confirm", challengeId, "unknown challenge", "check the id");
    }
    Path pending = stateDir.resolve(challengeId + ".pending");
    try {
      if (!Files.exists(pending)) {
        throw new CaskException("confirm", challengeId, "no pending confirmation with this id", "check the id");
      }
      String summary = "Pending call: " + Files.readString(pending);
      if (approve) {
        Files.writeString(stateDir.resolve(challengeId + ".approved"), "approved");
        return "Approved " + challengeId + ".";
      }
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String verifyAudit(Path auditLog) {
    throw new CaskException("audit verify", null, "the SPI contract core writes no audit log", null);
  }
}
