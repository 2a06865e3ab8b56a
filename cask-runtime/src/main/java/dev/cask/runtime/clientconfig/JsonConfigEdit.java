package dev.cask.runtime.clientconfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts one server into a client's JSON (or JSONC: comments and trailing commas, as VS Code allows) configuration
 * without touching anything else: a real parser finds where the server's entry, the servers object or the root object
 * are, the new entry is spliced into the text there, and the result is parsed again and compared with the original
 * (every other byte of meaning must be unchanged) before it is returned. Comments, key order and layout survive.
 */
final class JsonConfigEdit {
  private static final JsonFactory JSONC = new JsonFactoryBuilder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper TREES = new ObjectMapper(JSONC);

  private JsonConfigEdit() {}

  /** A new file holding only this server. */
  static String fresh(String serversKey, String name, ObjectNode entry) {
    ObjectNode root = TREES.createObjectNode();
    root.putObject(serversKey).set(name, entry);
    return render(root, "  ", "") + "\n";
  }

  /**
   * @param existing the file's text
   * @param displayName the file, for messages
   * @return the text with {@code serversKey.name} set to {@code entry}
   */
  static String merge(String existing, String serversKey, String name, ObjectNode entry, String displayName) {
    if (existing.isBlank()) {
      return fresh(serversKey, name, entry);
    }
    Layout layout = scan(existing, serversKey, name, displayName);
    String unit = layout.indentUnit;
    String merged;
    if (layout.entryStart >= 0) {
      merged = existing.substring(0, layout.entryStart) + render(entry, unit, unit + unit) + existing.substring(layout.entryEnd);
    } else if (layout.serversStart >= 0) {
      String member = quote(name) + ": " + render(entry, unit, unit + unit);
      merged = insert(existing, layout.serversLastEnd, layout.serversStart, member, unit + unit, unit);
    } else {
      ObjectNode servers = TREES.createObjectNode();
      servers.set(name, entry);
      String member = quote(serversKey) + ": " + render(servers, unit, unit);
      merged = insert(existing, layout.rootLastEnd, layout.rootStart, member, unit, "");
    }
    verify(existing, merged, serversKey, name, entry, displayName);
    return merged;
  }

  /** After the last member (with a comma), or, in an empty object, right after its opening brace. */
  private static String insert(String text, int lastEnd, int objectStart, String member, String indent, String closingIndent) {
    if (lastEnd >= 0) {
      return text.substring(0, lastEnd) + ",\n" + indent + member + text.substring(lastEnd);
    }
    int at = objectStart + 1;
    return text.substring(0, at) + "\n" + indent + member + "\n" + closingIndent + text.substring(at);
  }

  /** Where things are in the existing text (character offsets; -1 when absent). */
  private static final class Layout {
    int rootStart = -1;
    int rootLastEnd = -1;
    int serversStart = -1;
    int serversLastEnd = -1;
    int entryStart = -1;
    int entryEnd = -1;
    String indentUnit = "  ";
  }

  private static Layout scan(String text, String serversKey, String name, String displayName) {
    Layout layout = new Layout();
    try (JsonParser p = JSONC.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notAnObject(displayName, "the file");
      }
      layout.rootStart = offset(p);
      boolean firstMember = true;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (firstMember) {
          layout.indentUnit = indentBefore(text, offset(p));
          firstMember = false;
        }
        JsonToken value = p.nextToken();
        if (key.equals(serversKey)) {
          if (value != JsonToken.START_OBJECT) {
            throw notAnObject(displayName, "\"" + serversKey + "\"");
          }
          layout.serversStart = offset(p);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String server = p.currentName();
            JsonToken serverValue = p.nextToken();
            int start = offset(p);
            int end = endOfValue(p);
            if (server.equals(name)) {
              if (serverValue != JsonToken.START_OBJECT) {
                throw notAnObject(displayName, "\"" + serversKey + "\"." + name);
              }
              layout.entryStart = start;
              layout.entryEnd = end;
            }
            layout.serversLastEnd = end;
          }
          layout.rootLastEnd = offset(p) + 1;
        } else {
          layout.rootLastEnd = endOfValue(p);
        }
      }
      if (p.nextToken() != null) {
        throw new CaskException(displayName, "offset " + offset(p), "has content after its JSON object", "remove it");
      }
    } catch (JsonProcessingException e) {
      throw new CaskException(displayName, location(e), "is not valid JSON: " + e.getOriginalMessage(),
          "fix the file (or move it away) and run again; nothing was written");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return layout;
  }

  /** Consumes the current value; returns the offset just after it. */
  private static int endOfValue(JsonParser p) throws IOException {
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
      return offset(p) + 1;
    }
    p.getText();
    return (int) p.currentLocation().getCharOffset();
  }

  private static int offset(JsonParser p) {
    return (int) p.currentTokenLocation().getCharOffset();
  }

  /** The whitespace that starts the line of the first member: the file's indentation unit. */
  private static String indentBefore(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    String lead = text.substring(lineStart, offset);
    return !lead.isEmpty() && lead.isBlank() ? lead : "  ";
  }

  /** Pretty JSON with the file's indentation unit, continuation lines shifted to {@code baseIndent}. */
  private static String render(JsonNode node, String unit, String baseIndent) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter(unit, "\n" + baseIndent))
        .withArrayIndenter(new DefaultIndenter(unit, "\n" + baseIndent))
        .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
    try {
      return TREES.writer(printer).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String value) {
    try {
      return TREES.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The merge changed exactly one entry, or it is refused. */
  private static void verify(String before, String after, String serversKey, String name, ObjectNode entry, String displayName) {
    try {
      JsonNode old = TREES.readTree(before);
      JsonNode now = TREES.readTree(after);
      boolean entryIsOurs = entry.equals(now.path(serversKey).path(name));
      strip(old, serversKey, name);
      strip(now, serversKey, name);
      if (entryIsOurs && old.equals(now)) {
        return;
      }
    } catch (JsonProcessingException e) {
      // falls through to the refusal below
    }
    throw new CaskException(displayName, null, "could not be merged without changing other settings",
        "add the entry shown by --print by hand; nothing was written");
  }

  private static void strip(JsonNode root, String serversKey, String name) {
    JsonNode servers = root.path(serversKey);
    if (servers instanceof ObjectNode object) {
      object.remove(name);
      if (object.isEmpty()) {
        ((ObjectNode) root).remove(serversKey);
      }
    }
  }

  private static CaskException notAnObject(String displayName, String what) {
    return new CaskException(displayName, null, what + " is not a JSON object",
        "fix the file (or move it away) and run again; nothing was written");
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? null
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
