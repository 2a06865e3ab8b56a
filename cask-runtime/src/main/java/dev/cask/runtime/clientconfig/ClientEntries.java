package dev.cask.runtime.clientconfig;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import java.util.Map;

/**
 * One server entry in each JSON client's documented shape. The token never appears: each client is given the name of
 * the environment variable in the syntax it expands at run time ({@code ${VAR}} in Claude Code, {@code ${env:VAR}} in
 * VS Code and Cursor).
 */
final class ClientEntries {
  private ClientEntries() {}

  static ObjectNode json(ClientKind client, ServerEntry entry) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (entry instanceof ServerEntry.Stdio stdio) {
      if (client == ClientKind.CLAUDE_CODE || client == ClientKind.VSCODE) {
        node.put("type", "stdio");
      }
      node.put("command", stdio.command());
      stdio.args().forEach(node.putArray("args")::add);
      if (!stdio.env().isEmpty()) {
        ObjectNode env = node.putObject("env");
        stdio.env().forEach(env::put);
      }
      return node;
    }
    ServerEntry.Http http = (ServerEntry.Http) entry;
    String header = switch (client) {
      case CLAUDE_CODE -> "Bearer ${" + http.tokenEnv() + "}";
      case VSCODE, CURSOR -> "Bearer ${env:" + http.tokenEnv() + "}";
      case CLAUDE_DESKTOP -> throw new CaskException("Claude Desktop", null,
          "reads only stdio servers from claude_desktop_config.json; a remote server is added in its Settings > Connectors",
          "configure the stdio form (without --http), or add the URL in Claude Desktop's settings");
      case CODEX -> throw new IllegalArgumentException("Codex is TOML");
    };
    if (client != ClientKind.CURSOR) {
      node.put("type", "http");
    }
    node.put("url", http.url());
    node.putObject("headers").put("Authorization", header);
    return node;
  }

  /** The {@code [mcp_servers.NAME]} table of Codex's {@code config.toml}. */
  static String toml(String name, ServerEntry entry) {
    StringBuilder out = new StringBuilder("[mcp_servers.").append(name).append("]\n");
    if (entry instanceof ServerEntry.Stdio stdio) {
      out.append("command = ").append(Toml.string(stdio.command())).append('\n');
      out.append("args = [");
      for (int i = 0; i < stdio.args().size(); i++) {
        out.append(i == 0 ? "" : ", ").append(Toml.string(stdio.args().get(i)));
      }
      out.append("]\n");
      if (!stdio.env().isEmpty()) {
        out.append("env = {");
        int i = 0;
        for (Map.Entry<String, String> e : stdio.env().entrySet()) {
          out.append(i++ == 0 ? " " : ", ").append(e.getKey()).append(" = ").append(Toml.string(e.getValue()));
        }
        out.append(" }\n");
      }
    } else {
      ServerEntry.Http http = (ServerEntry.Http) entry;
      out.append("url = ").append(Toml.string(http.url())).append('\n');
      out.append("bearer_token_env_var = ").append(Toml.string(http.tokenEnv())).append('\n');
    }
    return out.toString();
  }
}
