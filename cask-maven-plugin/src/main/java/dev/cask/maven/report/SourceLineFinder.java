package dev.cask.maven.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cask.maven.diff.ToolDiff;
import dev.cask.maven.diff.ToolpackDiff;
import dev.cask.runtime.json.CaskMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the line where a JSON pointer points in a JSON or YAML source document, so that SARIF results land on the
 * operation in the spec. Streams the document with Jackson's parser (no tree in memory); a document that cannot be read
 * just gives no line.
 */
public final class SourceLineFinder {
  private SourceLineFinder() {}

  /** Lines of every tool's source location; sources are resolved against {@code projectDir} and must stay inside it. */
  public static Map<String, Integer> lines(Path projectDir, ToolpackDiff diff) {
    Map<String, Integer> lines = new TreeMap<>();
    Path root = projectDir.toAbsolutePath().normalize();
    for (ToolDiff tool : diff.tools()) {
      if (tool.source() == null || tool.sourcePointer() == null || !tool.sourcePointer().startsWith("/")) {
        continue;
      }
      Path file = root.resolve(tool.source()).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        continue;
      }
      int line = lineOf(file, tool.sourcePointer());
      if (line > 0) {
        lines.put(tool.source() + "#" + tool.sourcePointer(), line);
      }
    }
    return lines;
  }

  /** The 1-based line of the value at {@code pointer}, or 0. */
  public static int lineOf(Path file, String pointer) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    List<String> tokens = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    try (JsonParser parser = (yaml ? CaskMappers.yaml() : CaskMappers.json()).getFactory().createParser(file.toFile())) {
      if (parser.nextToken() == null) {
        return 0;
      }
      return find(parser, tokens, 0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static int find(JsonParser parser, List<String> tokens, int depth) throws IOException {
    if (depth == tokens.size()) {
      return parser.currentTokenLocation().getLineNr();
    }
    String step = tokens.get(depth);
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        int fieldLine = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (field.equals(step)) {
          return depth + 1 == tokens.size() ? fieldLine : find(parser, tokens, depth + 1);
        }
        parser.skipChildren();
      }
    } else if (parser.currentToken() == JsonToken.START_ARRAY && step.matches("\\d{1,9}")) {
      int wanted = Integer.parseInt(step);
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (index++ == wanted) {
          return find(parser, tokens, depth + 1);
        }
        parser.skipChildren();
      }
    }
    return 0;
  }
}
