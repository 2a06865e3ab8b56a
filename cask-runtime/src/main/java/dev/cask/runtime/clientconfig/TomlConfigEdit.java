package dev.cask.runtime.clientconfig;

import dev.cask.runtime.CaskException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts one {@code [mcp_servers.NAME]} table into Codex's {@code config.toml} without touching anything else: the
 * server's own tables ({@code [mcp_servers.NAME]} and {@code [mcp_servers.NAME.*]}) are replaced where they stand, or
 * the table is appended. The runtime carries no TOML parser, so it only edits layouts it can read for certain; any
 * other way of defining the same server (dotted keys, an inline table) is refused with the snippet to paste by hand.
 * (The tests parse every result with a real TOML parser.)
 */
final class TomlConfigEdit {
  private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]*?)\\s*\\]\\]?\\s*(#.*)?$");

  private TomlConfigEdit() {}

  static String merge(String existing, String name, String table, String displayName) {
    if (existing.isBlank()) {
      return table;
    }
    List<String> lines = new ArrayList<>(existing.lines().toList());
    List<String> out = new ArrayList<>();
    String currentTable = "";
    boolean inOurs = false;
    boolean replaced = false;
    boolean inMultiline = false;
    boolean seenTable = false;
    String delimiter = null;
    for (String line : lines) {
      if (inMultiline) {
        if (line.contains(delimiter)) {
          inMultiline = false;
        }
        if (!inOurs) {
          out.add(line);
        }
        continue;
      }
      Matcher header = HEADER.matcher(line);
      if (header.matches() && !line.trim().startsWith("#")) {
        currentTable = header.group(1).replace(" ", "");
        boolean ours = isOurs(currentTable, name);
        if (ours && isMainTable(currentTable, name)) {
          if (seenTable) {
            throw refuse(displayName, "defines [mcp_servers." + name + "] more than once");
          }
          seenTable = true;
        }
        if (ours && !inOurs) {
          if (replaced) {
            throw refuse(displayName, "defines [mcp_servers." + name + "] in more than one place");
          }
          out.addAll(table.lines().toList());
          out.add("");
          replaced = true;
        }
        inOurs = ours;
        if (!ours) {
          out.add(line);
        }
        continue;
      }
      String key = line.trim();
      boolean definesOursElsewhere = (currentTable.isEmpty() && definesServer(key, "mcp_servers." , name))
          || (currentTable.equals("mcp_servers") && definesServer(key, "", name));
      if (!inOurs && definesOursElsewhere) {
        throw refuse(displayName, "defines the server " + name + " with dotted keys or an inline table");
      }
      String opens = multilineOpening(line);
      if (opens != null) {
        inMultiline = true;
        delimiter = opens;
      }
      if (!inOurs) {
        out.add(line);
      }
    }
    if (inMultiline) {
      throw refuse(displayName, "has a multi-line string that does not end");
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isBlank() && replaced && inOurs) {
      out.remove(out.size() - 1);
    }
    StringBuilder text = new StringBuilder(String.join("\n", out));
    if (!replaced) {
      if (text.length() > 0 && !text.toString().endsWith("\n\n")) {
        text.append(text.toString().endsWith("\n") ? "\n" : "\n\n");
      }
      text.append(table.stripTrailing());
    }
    return text.toString().stripTrailing() + "\n";
  }

  private static boolean isOurs(String tableName, String name) {
    String quoted = "mcp_servers.\"" + name + "\"";
    String plain = "mcp_servers." + name;
    return tableName.equals(plain) || tableName.startsWith(plain + ".") || tableName.equals(quoted)
        || tableName.startsWith(quoted + ".");
  }

  private static boolean isMainTable(String tableName, String name) {
    return tableName.equals("mcp_servers." + name) || tableName.equals("mcp_servers.\"" + name + "\"");
  }

  private static boolean definesServer(String line, String prefix, String name) {
    String compact = line.replace(" ", "").replace("\t", "");
    boolean inlineServers = !prefix.isEmpty() && compact.startsWith("mcp_servers=");
    return inlineServers || compact.startsWith(prefix + name + "=") || compact.startsWith(prefix + name + ".")
        || compact.startsWith(prefix + "\"" + name + "\"");
  }

  /** The delimiter of a multi-line string opened (and not closed) on this line, or null. */
  private static String multilineOpening(String line) {
    for (String delimiter : List.of("\"\"\"", "'''")) {
      int count = 0;
      int at = line.indexOf(delimiter);
      while (at >= 0) {
        count++;
        at = line.indexOf(delimiter, at + 3);
      }
      if (count % 2 == 1) {
        return delimiter;
      }
    }
    return null;
  }

  private static CaskException refuse(String displayName, String why) {
    return new CaskException(displayName, null, why + ", which Cask does not rewrite",
        "add the table shown by --print by hand; nothing was written");
  }
}
