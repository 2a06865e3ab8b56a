package dev.cask.runtime.server.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.ParameterLocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAPI parameter serialization (style and explode) for path, query, header and cookie values. Every value is
 * percent-encoded on its own ({@link PercentEncoding}); only the delimiters a style defines are written raw. Values
 * nested deeper than a style defines (an object inside an array ...) are sent as compact JSON text, encoded.
 *
 * <p>Styles: path {@code simple} (default), {@code label}, {@code matrix}; query {@code form} (default),
 * {@code spaceDelimited}, {@code pipeDelimited}, {@code deepObject}; header {@code simple}; cookie {@code form}.
 */
enum ParameterStyle {
  SIMPLE, LABEL, MATRIX, FORM, SPACE_DELIMITED, PIPE_DELIMITED, DEEP_OBJECT;

  static ParameterStyle of(ParameterLocation in, String style) {
    if (style == null || style.isEmpty()) {
      return switch (in) {
        case PATH, HEADER -> SIMPLE;
        case QUERY, COOKIE -> FORM;
      };
    }
    ParameterStyle parsed =
        switch (style) {
          case "simple" -> SIMPLE;
          case "label" -> LABEL;
          case "matrix" -> MATRIX;
          case "form" -> FORM;
          case "spaceDelimited" -> SPACE_DELIMITED;
          case "pipeDelimited" -> PIPE_DELIMITED;
          case "deepObject" -> DEEP_OBJECT;
          default -> throw new IllegalArgumentException("unknown parameter style '" + style + "'");
        };
    boolean fits =
        switch (in) {
          case PATH -> parsed == SIMPLE || parsed == LABEL || parsed == MATRIX;
          case QUERY -> parsed == FORM || parsed == SPACE_DELIMITED || parsed == PIPE_DELIMITED || parsed == DEEP_OBJECT;
          case HEADER -> parsed == SIMPLE;
          case COOKIE -> parsed == FORM;
        };
    if (!fits) {
      throw new IllegalArgumentException(
          "style '" + style + "' is not allowed for " + in.wireName() + " parameters");
    }
    return parsed;
  }

  static boolean defaultExplode(ParameterStyle style) {
    return style == FORM || style == DEEP_OBJECT;
  }

  /** A path value: the text that replaces the placeholder (style prefixes included). */
  String path(String name, JsonNode value, boolean explode) {
    return switch (this) {
      case SIMPLE -> joined(value, explode, ",", "=", ",");
      case LABEL -> "." + joined(value, explode, explode ? "." : ",", "=", explode ? "." : ",");
      case MATRIX -> matrix(name, value, explode);
      default -> throw new IllegalStateException(this + " is not a path style");
    };
  }

  /** Query pairs, each already {@code encodedName=encodedValue}. */
  void query(String name, JsonNode value, boolean explode, List<String> pairs) {
    String encodedName = PercentEncoding.encode(name);
    switch (this) {
      case FORM -> {
        if (value.isArray() && explode) {
          for (JsonNode item : value) {
            pairs.add(encodedName + "=" + PercentEncoding.encode(scalar(item)));
          }
        } else if (value.isObject() && explode) {
          Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            pairs.add(PercentEncoding.encode(field.getKey()) + "=" + PercentEncoding.encode(scalar(field.getValue())));
          }
        } else {
          pairs.add(encodedName + "=" + joined(value, false, ",", "=", ","));
        }
      }
      case SPACE_DELIMITED, PIPE_DELIMITED -> {
        String delimiter = this == SPACE_DELIMITED ? "%20" : "%7C";
        if (value.isArray() && explode) {
          FORM.query(name, value, true, pairs);
        } else {
          pairs.add(encodedName + "=" + joined(value, false, delimiter, delimiter, delimiter));
        }
      }
      case DEEP_OBJECT -> {
        if (!value.isObject()) {
          pairs.add(encodedName + "=" + PercentEncoding.encode(scalar(value)));
          return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          pairs.add(encodedName + "%5B" + PercentEncoding.encode(field.getKey()) + "%5D="
              + PercentEncoding.encode(scalar(field.getValue())));
        }
      }
      default -> throw new IllegalStateException(this + " is not a query style");
    }
  }

  /** A header value (not percent-encoded: header values are checked for control characters instead). */
  static String header(JsonNode value, boolean explode) {
    List<String> parts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(item -> parts.add(scalar(item)));
    } else if (value.isObject()) {
      value.fields().forEachRemaining(field -> {
        if (explode) {
          parts.add(field.getKey() + "=" + scalar(field.getValue()));
        } else {
          parts.add(field.getKey());
          parts.add(scalar(field.getValue()));
        }
      });
    } else {
      parts.add(scalar(value));
    }
    return String.join(",", parts);
  }

  /** A cookie pair {@code name=value}; the value is percent-encoded so it cannot end the pair or the header. */
  static String cookie(String name, JsonNode value) {
    return name + "=" + joined(value, false, ",", ",", ",");
  }

  private static String matrix(String name, JsonNode value, boolean explode) {
    String encodedName = PercentEncoding.encode(name);
    StringBuilder out = new StringBuilder();
    if (value.isArray() && explode) {
      for (JsonNode item : value) {
        out.append(';').append(encodedName).append('=').append(PercentEncoding.encode(scalar(item)));
      }
      return out.toString();
    }
    if (value.isObject() && explode) {
      value.fields().forEachRemaining(field -> out.append(';').append(PercentEncoding.encode(field.getKey())).append('=')
          .append(PercentEncoding.encode(scalar(field.getValue()))));
      return out.toString();
    }
    return ";" + encodedName + "=" + joined(value, false, ",", ",", ",");
  }

  /**
   * Arrays: encoded items joined by {@code itemSeparator}. Objects: with explode {@code k=v} pairs joined by
   * {@code itemSeparator}, else {@code k,v,k2,v2}. Scalars: the encoded value.
   */
  private static String joined(JsonNode value, boolean explode, String itemSeparator, String keyValue, String pairSeparator) {
    if (value.isArray()) {
      StringBuilder out = new StringBuilder();
      for (JsonNode item : value) {
        if (out.length() > 0) {
          out.append(itemSeparator);
        }
        out.append(PercentEncoding.encode(scalar(item)));
      }
      return out.toString();
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder();
      value.fields().forEachRemaining(field -> {
        if (out.length() > 0) {
          out.append(explode ? itemSeparator : pairSeparator);
        }
        out.append(PercentEncoding.encode(field.getKey()))
            .append(explode ? keyValue : pairSeparator)
            .append(PercentEncoding.encode(scalar(field.getValue())));
      });
      return out.toString();
    }
    return PercentEncoding.encode(scalar(value));
  }

  /** The text of a scalar; containers nested deeper than a style defines become compact JSON. */
  static String scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "true" : "false";
    }
    if (value.isNull()) {
      return "";
    }
    try {
      return CaskMappers.json().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize argument value", e);
    }
  }

  String wireName() {
    String name = name().toLowerCase(Locale.ROOT);
    return switch (this) {
      case SPACE_DELIMITED -> "spaceDelimited";
      case PIPE_DELIMITED -> "pipeDelimited";
      case DEEP_OBJECT -> "deepObject";
      default -> name;
    };
  }
}
