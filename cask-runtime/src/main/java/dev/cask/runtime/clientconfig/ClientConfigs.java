package dev.cask.runtime.clientconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The one implementation of client configuration: each client's file content, the merge, Claude Code's command. */
public final class ClientConfigs {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_/.:=@%+,-]+");

  private ClientConfigs() {}

  /** Server names every client accepts (Codex's table keys are the strictest). */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** A whole configuration file holding only this server. */
  public static String document(ClientKind client, String name, ServerEntry entry) {
    if (client.toml()) {
      return ClientEntries.toml(name, entry);
    }
    return JsonConfigEdit.fresh(client.serversKey(), name, ClientEntries.json(client, entry));
  }

  /** {@code existing} with this server added or replaced, everything else kept as it was. */
  public static String merge(ClientKind client, String existing, String name, ServerEntry entry, String displayName) {
    if (client.toml()) {
      return TomlConfigEdit.merge(existing, name, ClientEntries.toml(name, entry), displayName);
    }
    return JsonConfigEdit.merge(existing, client.serversKey(), name, ClientEntries.json(client, entry), displayName);
  }

  /**
   * The {@code claude mcp add} command that writes the same entry into the project's {@code .mcp.json} (project
   * scope, where Claude Code expands {@code ${VAR}} at run time; the single quotes keep the shell from expanding it).
   */
  public static String claudeMcpAdd(String name, ServerEntry entry) {
    List<String> words = new ArrayList<>(List.of("claude", "mcp", "add", "--scope", "project"));
    if (entry instanceof ServerEntry.Stdio stdio) {
      words.add("--transport");
      words.add("stdio");
      stdio.env().forEach((key, value) -> {
        words.add("--env");
        words.add(key + "=" + value);
      });
      words.add(name);
      words.add("--");
      words.add(stdio.command());
      words.addAll(stdio.args());
    } else {
      ServerEntry.Http http = (ServerEntry.Http) entry;
      words.addAll(List.of("--transport", "http", name, http.url(), "--header",
          "Authorization: Bearer ${" + http.tokenEnv() + "}"));
    }
    return String.join(" ", words.stream().map(ClientConfigs::shellQuote).toList());
  }

  static String shellQuote(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
