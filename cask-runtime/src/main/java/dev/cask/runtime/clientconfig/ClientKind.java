package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The MCP clients Cask writes configuration for, with each one's file and documented format. */
public enum ClientKind {
  /** {@code claude_desktop_config.json}: {@code mcpServers}, stdio only (remote servers are added in its settings). */
  CLAUDE_DESKTOP("claude-desktop", "Claude Desktop"),
  /** {@code .mcp.json} in the project (also {@code claude mcp add --scope project}): {@code mcpServers}. */
  CLAUDE_CODE("claude-code", "Claude Code"),
  /** {@code ~/.codex/config.toml} ({@code $CODEX_HOME}): {@code [mcp_servers.NAME]} tables. */
  CODEX("codex", "Codex"),
  /** {@code .vscode/mcp.json}: {@code servers}. */
  VSCODE("vscode", "VS Code"),
  /** {@code .cursor/mcp.json}: {@code mcpServers}. */
  CURSOR("cursor", "Cursor");

  private final String id;
  private final String displayName;

  ClientKind(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  public boolean toml() {
    return this == CODEX;
  }

  /** The key of the JSON object that maps server names to servers. */
  String serversKey() {
    return this == VSCODE ? "servers" : "mcpServers";
  }

  /**
   * Where the client reads its configuration: in the project for Claude Code, VS Code and Cursor; in the user's
   * directories for Claude Desktop and Codex.
   *
   * @param project the project directory
   * @param home the user's home directory
   * @param env the environment ({@code APPDATA}, {@code CODEX_HOME})
   * @param osName {@code os.name}
   */
  public Path defaultFile(Path project, Path home, Map<String, String> env, String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    return switch (this) {
      case CLAUDE_CODE -> project.resolve(".mcp.json");
      case VSCODE -> project.resolve(".vscode").resolve("mcp.json");
      case CURSOR -> project.resolve(".cursor").resolve("mcp.json");
      case CODEX -> {
        String codexHome = env.get("CODEX_HOME");
        yield (codexHome == null || codexHome.isBlank() ? home.resolve(".codex") : Path.of(codexHome)).resolve("config.toml");
      }
      case CLAUDE_DESKTOP -> {
        if (os.contains("mac")) {
          yield home.resolve("Library/Application Support/Claude/claude_desktop_config.json");
        }
        if (os.contains("win") && env.get("APPDATA") != null) {
          yield Path.of(env.get("APPDATA"), "Claude", "claude_desktop_config.json");
        }
        yield home.resolve(".config/Claude/claude_desktop_config.json");
      }
    };
  }

  public static ClientKind parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst()
        .orElseThrow(() -> new CaskException("client '" + value + "'", null, "is not a client Cask configures",
            "use one of " + Arrays.stream(values()).map(ClientKind::id).collect(Collectors.joining(", "))));
  }
}
