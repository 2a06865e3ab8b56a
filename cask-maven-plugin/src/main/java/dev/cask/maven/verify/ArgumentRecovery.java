package dev.cask.maven.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.RecordedExchange;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments an agent would have passed to make a recorded call: read back from the recorded URL and body through
 * the tool's own binding (the inverse of what the runtime's request builder does), typed by the tool's input schema.
 * Headers and cookies are never recorded, so arguments bound to them stay unset. Nothing here decides whether the
 * call is reproduced: the runtime's builder does that with these arguments. A GraphQL operation's arguments are the
 * variables the call sent.
 */
final class ArgumentRecovery {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,30}");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private ArgumentRecovery() {}

  /**
   * @param pathValues placeholder name → raw text, from {@link ToolIndex}
   */
  static ObjectNode recover(ToolDefinition tool, Urls url, Map<String, String> pathValues, RecordedExchange.Request request) {
    JsonNode schema = tool.inputSchema();
    ObjectNode arguments = NODES.objectNode();
    if (tool.binding().graphql() != null) {
      JsonNode variables = request.body() == null ? null : request.body().get("variables");
      if (variables != null && variables.isObject()) {
        arguments.setAll((ObjectNode) variables); // a variable the tool does not declare is refused by the runtime
      }
      return arguments;
    }
    for (ArgumentBinding binding : tool.binding().arguments()) {
      JsonNode property = Schemas.property(schema, binding.argument());
      JsonNode value = switch (binding.in()) {
        case PATH -> path(binding, pathValues.get(binding.name()), property, schema);
        case QUERY -> query(binding, url, property, schema);
        case HEADER, COOKIE -> null;
      };
      if (value != null) {
        arguments.set(binding.argument(), value);
      }
    }
    if (tool.binding().body() != null && request.body() != null) {
      String argument = tool.binding().body().argument();
      JsonNode body = request.body();
      boolean form = request.mediaType() != null && request.mediaType().startsWith("application/x-www-form-urlencoded");
      arguments.set(argument, form ? typedObject(body, Schemas.property(schema, argument), schema) : body);
    }
    return arguments;
  }

  private static JsonNode path(ArgumentBinding binding, String raw, JsonNode property, JsonNode root) {
    if (raw == null) {
      return null;
    }
    String style = binding.style() == null ? "simple" : binding.style();
    String text = switch (style) {
      case "label" -> raw.startsWith(".") ? raw.substring(1) : raw;
      case "matrix" -> {
        String prefix = ";" + binding.name() + "=";
        yield raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
      }
      default -> raw;
    };
    if (Schemas.isArray(property, root)) {
      String separator = style.equals("label") && Boolean.TRUE.equals(binding.explode()) ? "\\." : ",";
      return typedArray(List.of(text.split(separator, -1)), property, root, true);
    }
    return typed(Urls.decode(text, false), property, root);
  }

  private static JsonNode query(ArgumentBinding binding, Urls url, JsonNode property, JsonNode root) {
    String style = binding.style() == null ? "form" : binding.style();
    if (style.equals("deepObject")) {
      ObjectNode object = NODES.objectNode();
      String prefix = binding.name() + "[";
      for (Map.Entry<String, String> pair : url.query()) {
        if (pair.getKey().startsWith(prefix) && pair.getKey().endsWith("]")) {
          String key = pair.getKey().substring(prefix.length(), pair.getKey().length() - 1);
          object.set(key, typed(pair.getValue(), Schemas.property(Schemas.resolve(property, root), key), root));
        }
      }
      return object.isEmpty() ? null : object;
    }
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> pair : url.query()) {
      if (pair.getKey().equals(binding.name())) {
        values.add(pair.getValue());
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    if (!Schemas.isArray(property, root)) {
      return typed(values.get(0), property, root);
    }
    boolean explode = binding.explode() != null ? binding.explode() : style.equals("form");
    if (explode) {
      return typedArray(values, property, root, false);
    }
    String separator = switch (style) {
      case "spaceDelimited" -> " ";
      case "pipeDelimited" -> "\\|";
      default -> ",";
    };
    return typedArray(List.of(values.get(0).split(separator, -1)), property, root, false);
  }

  private static ArrayNode typedArray(List<String> items, JsonNode property, JsonNode root, boolean encoded) {
    JsonNode itemSchema = Schemas.resolve(property, root).path("items");
    ArrayNode array = NODES.arrayNode();
    for (String item : items) {
      array.add(typed(encoded ? Urls.decode(item, false) : item, itemSchema, root));
    }
    return array;
  }

  /** Form fields arrive as text: each typed by the body schema's property, as a JSON body would carry it. */
  private static JsonNode typedObject(JsonNode form, JsonNode schema, JsonNode root) {
    if (!form.isObject()) {
      return form;
    }
    ObjectNode typed = NODES.objectNode();
    form.fields().forEachRemaining(field -> {
      JsonNode property = Schemas.property(Schemas.resolve(schema, root), field.getKey());
      JsonNode value = field.getValue();
      if (value.isArray()) {
        ArrayNode array = NODES.arrayNode();
        JsonNode items = Schemas.resolve(property, root).path("items");
        value.forEach(item -> array.add(item.isTextual() ? typed(item.textValue(), items, root) : item));
        typed.set(field.getKey(), array);
      } else {
        typed.set(field.getKey(), value.isTextual() ? typed(value.textValue(), property, root) : value);
      }
    });
    return typed;
  }

  /** Text typed as the schema says (integer, number, boolean), else kept as text. */
  static JsonNode typed(String text, JsonNode schema, JsonNode root) {
    String type = Schemas.scalarType(schema, root);
    if (type == null) {
      return NODES.textNode(text);
    }
    return switch (type) {
      case "integer" -> INTEGER.matcher(text).matches() ? NODES.numberNode(new BigInteger(text)) : NODES.textNode(text);
      case "number" -> NUMBER.matcher(text).matches() ? NODES.numberNode(new BigDecimal(text)) : NODES.textNode(text);
      case "boolean" -> text.equals("true") || text.equals("false") ? NODES.booleanNode(text.equals("true")) : NODES.textNode(text);
      default -> NODES.textNode(text);
    };
  }
}
