package dev.cask.maven.importers.openapi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.cask.runtime.CaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses the bytes of a JSON or YAML document into a Jackson tree, strictly: duplicate keys, trailing content and
 * several YAML documents in one file are errors, because two parsers that disagree on which duplicate wins would let a
 * reviewed document mean something else at build time. Syntax errors name the line and column.
 */
final class SpecTreeReader {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // numbers as written, as YamlTrees keeps them
          .build();

  private SpecTreeReader() {}

  /** Reads a document; {@code displayPath} names it in errors. */
  static JsonNode read(byte[] bytes, String displayPath) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new CaskException(displayPath, null, "is empty", "point the input at an OpenAPI or Swagger document");
    }
    return looksLikeJson(displayPath, text) ? readJson(text, displayPath) : YamlTrees.read(text, displayPath);
  }

  private static boolean looksLikeJson(String displayPath, String text) {
    if (displayPath.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    char first = text.stripLeading().charAt(0);
    return first == '{' || first == '[';
  }

  private static JsonNode readJson(String text, String displayPath) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonNode node = JSON.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw new CaskException(displayPath, null, "is empty", "point the input at an OpenAPI or Swagger document");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new CaskException(
          displayPath,
          where,
          "is not well-formed JSON: " + e.getOriginalMessage(),
          "correct the JSON syntax at that place",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
