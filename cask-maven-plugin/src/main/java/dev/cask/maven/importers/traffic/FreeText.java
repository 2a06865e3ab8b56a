package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.redact.RedactionRules;
import dev.cask.runtime.redact.Redactor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values a recorded call keeps. Redaction removes secrets and recognisable personal data (e-mails, phones, card
 * numbers ...) but not a name or an address, and a call kept as evidence would otherwise carry them into the
 * toolpack. So a string value is kept only when it cannot be free text: a redaction marker, a lower-case token
 * ({@code dune}, {@code placed}, {@code blue-widget}), an upper-case code ({@code EUR}), a date-time (a plain date may
 * be a birth date: not kept), or the value of an identifier ({@code id}, {@code bookId}, {@code user_ids}). Every other string becomes
 * {@code [REDACTED:free-text]}, in bodies and query values alike, so the call still replays (the stand-in is what the
 * arguments carry) and its shape stays known. Numbers, booleans and nulls are kept (redaction already zeroes the
 * sensitive ones).
 */
final class FreeText {
  static final String MARKER = Redactor.marker("free-text");
  private static final Pattern LOWER_TOKEN = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
  private static final Pattern UPPER_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_]{0,15}");
  /** A plain date may be a birth date: personal, and not kept (a date-time is an event's time). */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

  private FreeText() {}

  /** A copy of a JSON body (or form object) with free-text strings replaced. */
  static JsonNode scrub(JsonNode value, String key) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return keep(value.textValue(), key) ? value : JsonNodeFactory.instance.textNode(MARKER);
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(item -> copy.add(scrub(item, key)));
      return copy;
    }
    if (value.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), scrub(field.getValue(), field.getKey()));
      }
      return copy;
    }
    return value;
  }

  /** A raw query with free-text values replaced (names and kept values stay exactly as observed). */
  static String scrubQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    java.util.List<String> pairs = new java.util.ArrayList<>();
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0 || keep(decode(pair.substring(eq + 1)), decode(pair.substring(0, eq)))) {
        pairs.add(pair);
      } else {
        pairs.add(pair.substring(0, eq + 1) + "%5BREDACTED%3Afree-text%5D");
      }
    }
    return String.join("&", pairs);
  }

  static boolean keep(String text, String key) {
    if (DATE.matcher(text).matches()) {
      return false;
    }
    if (text.isEmpty() || Redactor.isMarker(text) || LOWER_TOKEN.matcher(text).matches()
        || UPPER_CODE.matcher(text).matches() || DATE_TIME.matcher(text).matches()) {
      return true;
    }
    String normalized = key == null ? "" : RedactionRules.normalize(key);
    return (normalized.endsWith("id") || normalized.endsWith("ids") || normalized.equals("uuid"))
        && text.length() <= 128 && text.chars().noneMatch(Character::isWhitespace);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
