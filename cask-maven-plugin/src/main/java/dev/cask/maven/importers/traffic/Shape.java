package dev.cask.maven.importers.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.redact.Redactor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The shape of JSON values seen across samples, folded in one at a time (so a million calls cost the memory of one
 * shape), then written as a JSON Schema 2020-12:
 *
 * <ul>
 *   <li>{@code type}: every JSON type seen; integer and number merge to {@code number}; {@code null} seen makes the
 *       type a union with {@code "null"} (nullable);
 *   <li>objects: {@code properties} for every key seen; {@code required} = keys present in every object sample;
 *       keys that are ids ({@code {"17": ..., "42": ...}}) or more than {@value #MAX_PROPERTIES} keys make a map
 *       ({@code additionalProperties} with the merged value shape);
 *   <li>arrays: {@code items} = the merged shape of every element of every sample (arrays of objects included);
 *   <li>strings: {@code format} when every sample has it (date-time, date, uuid, uri, email — a redacted e-mail counts).
 * </ul>
 *
 * No example or enum values are ever written: they could carry personal data.
 */
final class Shape {
  static final int MAX_DEPTH = 32;
  static final int MAX_PROPERTIES = 200;
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern URI = Pattern.compile("(?i)https?://[^\\s]+");
  private static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,18}");
  private static final Pattern NUMBER_TEXT = Pattern.compile("-?\\d+\\.\\d+([eE][+-]?\\d+)?");

  private long samples;
  private long nulls;
  private long objects;
  private long arrays;
  private long strings;
  private long integers;
  private long numbers;
  private long booleans;
  private long unknown;
  private Map<String, Shape> properties = new TreeMap<>();
  private Shape mapValues;
  private Shape items;
  private String format;
  private boolean formatBroken;

  long samples() {
    return samples;
  }

  /** Folds in one JSON value. */
  void add(JsonNode value) {
    add(value, 0, false);
  }

  /** Folds in a value whose strings are typed from their text (query parameters, form fields). */
  void addTexts(JsonNode value) {
    add(value, 0, true);
  }

  private void add(JsonNode value, int depth, boolean textTyped) {
    samples++;
    if (depth > MAX_DEPTH) {
      unknown++;
      return;
    }
    if (value == null || value.isNull() || value.isMissingNode()) {
      nulls++;
    } else if (value.isObject()) {
      objects++;
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (mapValues != null || isDynamicKey(field.getKey())) {
          mapValues().add(field.getValue(), depth + 1, textTyped);
        } else {
          properties.computeIfAbsent(field.getKey(), k -> new Shape()).add(field.getValue(), depth + 1, textTyped);
          if (properties.size() > MAX_PROPERTIES) {
            collapseToMap();
          }
        }
      }
    } else if (value.isArray()) {
      arrays++;
      for (JsonNode element : value) {
        items().add(element, depth + 1, textTyped);
      }
    } else if (value.isTextual()) {
      String text = value.asText();
      if (textTyped && INTEGER_TEXT.matcher(text).matches()) {
        integers++;
      } else if (textTyped && NUMBER_TEXT.matcher(text).matches()) {
        numbers++;
      } else if (textTyped && (text.equals("true") || text.equals("false"))) {
        booleans++;
      } else {
        strings++;
        noteFormat(text);
      }
    } else if (value.isIntegralNumber()) {
      integers++;
    } else if (value.isNumber()) {
      numbers++;
    } else if (value.isBoolean()) {
      booleans++;
    } else {
      unknown++;
    }
  }

  /** Folds in another shape (the same API seen under two concrete paths). */
  void merge(Shape other) {
    long myStrings = strings;
    samples += other.samples;
    nulls += other.nulls;
    objects += other.objects;
    arrays += other.arrays;
    strings += other.strings;
    integers += other.integers;
    numbers += other.numbers;
    booleans += other.booleans;
    unknown += other.unknown;
    if (other.mapValues != null) {
      mapValues().merge(other.mapValues);
    }
    for (Map.Entry<String, Shape> property : other.properties.entrySet()) {
      if (mapValues != null) {
        mapValues.merge(property.getValue());
      } else {
        properties.computeIfAbsent(property.getKey(), k -> new Shape()).merge(property.getValue());
      }
    }
    if (properties.size() > MAX_PROPERTIES) {
      collapseToMap();
    }
    if (other.items != null) {
      items().merge(other.items);
    }
    if (other.strings > 0) {
      if (myStrings == 0) {
        format = other.format;
        formatBroken = other.formatBroken;
      } else if (formatBroken || other.formatBroken || !java.util.Objects.equals(format, other.format)) {
        formatBroken = true;
        format = null;
      }
    }
  }

  /** The JSON Schema (2020-12) of everything seen; {@code {}} when nothing was seen. */
  ObjectNode toSchema() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode schema = json.objectNode();
    List<String> types = new ArrayList<>();
    if (arrays > 0) {
      types.add("array");
    }
    if (booleans > 0) {
      types.add("boolean");
    }
    if (numbers > 0) {
      types.add("number");
    } else if (integers > 0) {
      types.add("integer");
    }
    if (objects > 0) {
      types.add("object");
    }
    if (strings > 0) {
      types.add("string");
    }
    if (unknown > 0) {
      return schema; // too deep to describe: anything
    }
    if (nulls > 0 && !types.isEmpty()) {
      types.add("null");
    }
    if (types.size() == 1) {
      schema.put("type", types.get(0));
    } else if (types.size() > 1) {
      ArrayNode union = schema.putArray("type");
      types.forEach(union::add);
    } else if (nulls > 0) {
      schema.put("type", "null");
    }
    if (objects > 0) {
      if (!properties.isEmpty()) {
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = json.arrayNode();
        for (Map.Entry<String, Shape> property : properties.entrySet()) {
          props.set(property.getKey(), property.getValue().toSchema());
          if (property.getValue().presentIn() == objects) {
            required.add(property.getKey());
          }
        }
        if (!required.isEmpty()) {
          schema.set("required", required);
        }
      }
      if (mapValues != null) {
        schema.set("additionalProperties", mapValues.toSchema());
      }
    }
    if (arrays > 0 && items != null && items.samples > 0) {
      schema.set("items", items.toSchema());
    }
    if (strings > 0 && format != null && !formatBroken) {
      schema.put("format", format);
    }
    return schema;
  }

  /** In how many object samples this property was present (each presence adds one sample). */
  private long presentIn() {
    return samples;
  }

  private void noteFormat(String text) {
    if (formatBroken) {
      return;
    }
    String seen = formatOf(text);
    if (seen == null || (format != null && !format.equals(seen))) {
      formatBroken = true;
      format = null;
    } else {
      format = seen;
    }
  }

  static String formatOf(String text) {
    if (text.isEmpty()) {
      return null;
    }
    char first = text.charAt(0);
    if (first == '[') {
      return "email".equals(Redactor.markerRule(text)) ? "email" : null;
    }
    if (first == 'h' || first == 'H') {
      return URI.matcher(text).matches() ? "uri" : null;
    }
    if (!Character.isLetterOrDigit(first) || text.length() < 10 || text.length() > 40) {
      return null;
    }
    if (DATE_TIME.matcher(text).matches()) {
      return "date-time";
    }
    if (DATE.matcher(text).matches()) {
      return "date";
    }
    if (UUID.matcher(text).matches()) {
      return "uuid";
    }
    if (URI.matcher(text).matches()) {
      return "uri";
    }
    return null;
  }

  /** Keys that are values (ids, e-mails): only keys with a digit or an '@' or a redaction marker can be. */
  private static boolean isDynamicKey(String key) {
    boolean candidate = false;
    for (int i = 0; i < key.length() && !candidate; i++) {
      char c = key.charAt(i);
      candidate = (c >= '0' && c <= '9') || c == '@' || c == '[';
    }
    return candidate && Segments.valueReason(List.of(key), 0) != null;
  }

  private Shape mapValues() {
    if (mapValues == null) {
      mapValues = new Shape();
    }
    return mapValues;
  }

  private Shape items() {
    if (items == null) {
      items = new Shape();
    }
    return items;
  }

  private void collapseToMap() {
    Shape values = mapValues();
    for (Shape property : properties.values()) {
      values.merge(property);
    }
    properties = new TreeMap<>();
  }
}
