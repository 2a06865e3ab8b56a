package dev.cask.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cask.runtime.server.audit.AuditVerification;
import dev.cask.runtime.server.GovernedServer;
import dev.cask.runtime.server.RuntimeCore;
import dev.cask.runtime.server.ServeRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} in-process (the stdio form needs the packaged jar: the onboarding walk runs that one). */
class ConfigCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    RuntimeCore none = new RuntimeCore() {
      @Override
      public GovernedServer open(ServeRequest request) {
        throw new AssertionError("config never serves");
      }

      @Override
      public String confirm(String challengeId, Path stateDir, boolean approve) {
        throw new AssertionError();
      }

      @Override
      public AuditVerification verifyAudit(Path auditLog, String trustedKey) {
        throw new AssertionError();
      }
    };
    return CaskCli.run(args, none, new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("CODEX_HOME", dir.resolve("codex").toString()));
  }

  @Test
  void printsAndWritesTheHttpFormWithoutAToken() throws Exception {
    assertThat(run("config", "--client", "codex", "--http", "http://127.0.0.1:8765/mcp")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("# Codex: " + dir.resolve("codex/config.toml") + "\n"
        + "[mcp_servers.cask]\nurl = \"http://127.0.0.1:8765/mcp\"\nbearer_token_env_var = \"CASK_HTTP_TOKEN\"\n\n");
    assertThat(dir.resolve("codex/config.toml")).doesNotExist();

    assertThat(run("config", "--client", "codex", "--http", "http://127.0.0.1:8765/mcp", "--write")).isZero();
    assertThat(Files.readString(dir.resolve("codex/config.toml")))
        .isEqualTo("[mcp_servers.cask]\nurl = \"http://127.0.0.1:8765/mcp\"\nbearer_token_env_var = \"CASK_HTTP_TOKEN\"\n");
  }

  @Test
  void printingEveryClientsHttpFormNotesWhereClaudeDesktopTakesIt() {
    assertThat(run("config", "--http", "http://127.0.0.1:8765/mcp")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("# Claude Desktop: reads only stdio servers from its file; add http://127.0.0.1:8765/mcp in its Settings > Connectors")
        .contains("# Claude Code: ", "# Codex: ", "# VS Code: ", "# Cursor: ").doesNotContain("\"command\"");
    assertThat(run("config", "--client", "claude-desktop", "--http", "http://127.0.0.1:8765/mcp", "--write"))
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void refusesWhatItShouldNotWrite() {
    assertThat(run("config", "--client", "cursor", "--http", "http://mcp.example.com/mcp")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unencrypted");
    assertThat(run("config", "--write", "--http", "http://127.0.0.1:1/mcp")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("config", "--client", "emacs", "--http", "http://127.0.0.1:1/mcp")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("use one of claude-desktop, claude-code, codex, vscode, cursor");
    assertThat(run("config", "--client", "vscode")).as("stdio needs the packaged jar").isEqualTo(ExitCodes.USAGE);
    assertThat(run("config", "--client", "cursor", "--http", "http://127.0.0.1:8765/mcp", "--trust-anchor",
        "sha256:" + "ab".repeat(32))).as("a running server has its own anchor").isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--trust-anchor is for the server a client starts (stdio)");
  }
}
