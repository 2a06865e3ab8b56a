package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Arguments the pipeline reads itself and removes before validation, so the tool's approved schema (closed with
 * {@code additionalProperties: false}) never sees them and they never reach the upstream:
 *
 * <ul>
 *   <li>{@code _cask_confirmation}: the challenge id of an approved confirmation; the agent repeats the exact call
 *       (same tool, same arguments) with it added.
 *   <li>{@code _cask_dry_run}: {@code true} returns the request that would be sent, without sending it.
 * </ul>
 *
 * Any other argument starting with {@code _cask_} is rejected. Toolpack argument names come from the compiler's naming
 * rule and never start with an underscore, so the prefix cannot collide with a real argument.
 */
public final class ReservedArguments {
  public static final String PREFIX = "_cask_";
  public static final String CONFIRMATION = "_cask_confirmation";
  public static final String DRY_RUN = "_cask_dry_run";

  /** The arguments without reserved members, and what those members said. */
  record Split(ObjectNode arguments, String confirmationId, boolean dryRun) {}

  private ReservedArguments() {}

  /**
   * Splits reserved members off the arguments (the input is never modified; a copy is made only when needed).
   *
   * @throws IllegalArgumentException naming the problem when a reserved member is malformed or unknown
   */
  static Split split(ObjectNode arguments) {
    boolean any = false;
    Iterator<String> names = arguments.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith(PREFIX)) {
        any = true;
        break;
      }
    }
    if (!any) {
      return new Split(arguments, null, false);
    }
    ObjectNode copy = arguments.deepCopy();
    String confirmation = null;
    boolean dryRun = false;
    Iterator<Map.Entry<String, JsonNode>> fields = arguments.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      JsonNode value = field.getValue();
      switch (name) {
        case CONFIRMATION -> {
          if (!value.isTextual()) {
            throw new IllegalArgumentException(CONFIRMATION + " must be the challenge id string");
          }
          confirmation = value.textValue();
        }
        case DRY_RUN -> {
          if (!value.isBoolean()) {
            throw new IllegalArgumentException(DRY_RUN + " must be true or false");
          }
          dryRun = value.booleanValue();
        }
        default -> throw new IllegalArgumentException("unknown reserved argument '" + name + "'");
      }
      copy.remove(name);
    }
    return new Split(copy, confirmation, dryRun);
  }

  /** The tool's input schema plus the two optional reserved properties, for listing. */
  public static JsonNode advertise(JsonNode inputSchema) {
    if (!inputSchema.isObject()) {
      return inputSchema;
    }
    ObjectNode schema = ((ObjectNode) inputSchema).deepCopy();
    ObjectNode properties =
        schema.get("properties") instanceof ObjectNode existing ? existing : schema.putObject("properties");
    JsonNodeFactory json = JsonNodeFactory.instance;
    properties.set(CONFIRMATION, json.objectNode()
        .put("type", "string")
        .put("description", "Only when a previous call returned a confirmation challenge that a person has approved: "
            + "the challenge id. Repeat the exact same call with this added."));
    properties.set(DRY_RUN, json.objectNode()
        .put("type", "boolean")
        .put("description", "true: return the HTTP request that would be sent, without sending it."));
    return schema;
  }
}
