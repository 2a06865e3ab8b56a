package dev.cask.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Finds the line of a field in JSON or YAML text. Jackson reports binding errors with the parser's position after it
 * read ahead (for YAML often the next line, for records buffered tokens with no position at all); a person fixing a
 * signed file must be sent to the line where the field stands. Runs only when an error is reported.
 */
final class SourceLines {
  private SourceLines() {}

  /** The 1-based line where the value at {@code path} starts, or 0 when it cannot be found. */
  static int lineOf(ObjectMapper mapper, byte[] bytes, List<Reference> path) {
    try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
      if (parser.nextToken() == null) {
        return 0;
      }
      return find(parser, path, 0);
    } catch (IOException | RuntimeException e) {
      return 0; // the text itself is broken: the caller already reports that
    }
  }

  /** Parser is on the start token of a value; walk into it along {@code path[depth..]}. */
  private static int find(JsonParser parser, List<Reference> path, int depth) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    if (depth == path.size()) {
      return line;
    }
    Reference step = path.get(depth);
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT && step.getFieldName() != null) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int fieldLine = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (name.equals(step.getFieldName())) {
          return depth + 1 == path.size() ? fieldLine : find(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    } else if (token == JsonToken.START_ARRAY && step.getIndex() >= 0) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (index++ == step.getIndex()) {
          return find(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    }
    return line;
  }
}
