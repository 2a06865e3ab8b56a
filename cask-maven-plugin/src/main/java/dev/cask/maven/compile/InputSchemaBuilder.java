package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.capture.Parameter;
import dev.cask.runtime.model.capture.SecurityScheme;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.ReservedHeaders;
import dev.cask.runtime.schema.BodyObjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a tool's input schema (JSON Schema 2020-12, root {@code type: object}, no additional properties) and the
 * request binding from an operation. The request body's objects are closed as well ({@link BodyObjects}): a property
 * the source does not name is refused unless the source explicitly allows other properties at that place
 * ({@code additionalProperties} or {@code unevaluatedProperties} {@code true} or a schema), so the schema a reviewer
 * approves says exactly what an agent can send (no mass assignment).
 *
 * <p>Naming rule (documented in the site, page "compile"): the request body is the property {@code body}; path, query,
 * header and cookie parameters are properties named after the parameter, with characters outside
 * {@code [A-Za-z0-9_.-]} replaced by {@code _}. When a name is already taken, the later parameter (order: path, query,
 * header, cookie, then spec order) is renamed {@code <location>_<name>}, then suffixed {@code _2}, {@code _3} ... So
 * inputs from different places never collide, and the binding says where each one goes.
 *
 * <p>Parameters that carry credentials (the operation's apiKey scheme parameter, {@code Authorization},
 * {@code Cookie} ...) are never exposed: upstream credentials come from the operator, never from the agent. Nor are
 * the other {@link ReservedHeaders} (framing, routing, and headers the runtime writes): the runtime would refuse a
 * binding to them.
 */
final class InputSchemaBuilder {
  static final String BODY = "body";
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]+");
  private static final List<ParameterLocation> ORDER =
      List.of(ParameterLocation.PATH, ParameterLocation.QUERY, ParameterLocation.HEADER, ParameterLocation.COOKIE);

  private final SchemaDefs defs;
  private final Map<String, SecurityScheme> securitySchemes;

  InputSchemaBuilder(SchemaDefs defs, Map<String, SecurityScheme> securitySchemes) {
    this.defs = defs;
    this.securitySchemes = securitySchemes;
  }

  ToolInput build(CapturedOperation operation) {
    if (operation.method() == HttpMethod.WEBMCP) {
      return WebMcpInput.build(operation);
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("type", "object");
    ObjectNode properties = root.putObject("properties");
    ArrayNode required = json.arrayNode();
    List<JsonNode> reachable = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Set<String> taken = new HashSet<>();

    Optional<MediaContent> body = chooseBody(operation);
    body.ifPresent(content -> taken.add(BODY));

    List<ArgumentBinding> arguments = new ArrayList<>();
    Set<String> credentialParameters = credentialParameters(operation);
    List<Parameter> parameters =
        operation.parameters().stream().sorted(Comparator.comparingInt(p -> ORDER.indexOf(p.in()))).toList();
    for (Parameter parameter : parameters) {
      String lowerName = parameter.name().toLowerCase(Locale.ROOT);
      if (credentialParameters.contains(parameter.in().wireName() + ":" + lowerName)
          || (parameter.in() == ParameterLocation.HEADER && ReservedHeaders.isCredential(lowerName))) {
        dropped.add(parameter.in().wireName() + " parameter '" + parameter.name() + "' carries credentials: the runtime injects them");
        continue;
      }
      if (parameter.in() == ParameterLocation.HEADER && ReservedHeaders.isReserved(lowerName)) {
        dropped.add("header parameter '" + parameter.name() + "' is reserved (framing, routing or set by the runtime)");
        continue;
      }
      String argument = argumentName(parameter, taken);
      ObjectNode schema = describedSchema(parameter.schema(), parameter.description(), parameter.deprecated());
      properties.set(argument, schema);
      reachable.add(schema);
      if (parameter.required() || parameter.in() == ParameterLocation.PATH) {
        required.add(argument);
      }
      arguments.add(new ArgumentBinding(argument, parameter.in(), parameter.name(), parameter.style(), parameter.explode()));
    }

    BodyBinding bodyBinding = null;
    if (body.isPresent()) {
      MediaContent content = body.get();
      JsonNode bodySchema = content.schema() == null ? json.objectNode() : content.schema();
      ObjectNode schema = describedSchema(bodySchema, operation.requestBody().description(), false);
      properties.set(BODY, schema);
      reachable.add(schema);
      if (operation.requestBody().required()) {
        required.add(BODY);
      }
      bodyBinding = new BodyBinding(BODY, content.mediaType());
    }

    if (!required.isEmpty()) {
      root.set("required", required);
    }
    root.put("additionalProperties", false);
    defs.attach(root, reachable);
    BodyObjects.Result closed = BodyObjects.close(root, bodyBinding == null ? null : BODY);
    List<String> warnings = new ArrayList<>();
    for (BodyObjects.Place place : closed.places()) {
      if (place.kind() == BodyObjects.Kind.CLOSED && !place.namesProperties()) {
        warnings.add("the request body at " + place.pointer() + " names no properties and the source does not allow"
            + " others, so the agent can send only an empty object there; if the API takes any members, say"
            + " additionalProperties: true (or give their schema) in the source");
      }
    }
    return new ToolInput((ObjectNode) closed.schema(), new RequestBinding(arguments, bodyBinding), dropped, warnings);
  }

  /** The media type the tool sends: JSON first, then form, then multipart, then the first one the source lists. */
  static Optional<MediaContent> chooseBody(CapturedOperation operation) {
    if (operation.requestBody() == null || operation.requestBody().contents().isEmpty()) {
      return Optional.empty();
    }
    List<MediaContent> contents = operation.requestBody().contents();
    List<java.util.function.Predicate<String>> preferences =
        List.of(
            type -> type.equals("application/json"),
            type -> type.endsWith("+json") || type.contains("json"),
            type -> type.equals("application/x-www-form-urlencoded"),
            type -> type.equals("multipart/form-data"));
    for (java.util.function.Predicate<String> preference : preferences) {
      for (MediaContent content : contents) {
        if (preference.test(content.mediaType().toLowerCase(Locale.ROOT))) {
          return Optional.of(content);
        }
      }
    }
    return Optional.of(contents.get(0));
  }

  /** {@code location:name} (lower case) of apiKey parameters of the operation's security schemes. */
  private Set<String> credentialParameters(CapturedOperation operation) {
    Set<String> names = new HashSet<>();
    operation.security().forEach(requirement -> requirement.schemes().keySet().forEach(schemeName -> {
      SecurityScheme scheme = securitySchemes.get(schemeName);
      if (scheme != null && "apiKey".equals(scheme.type()) && scheme.in() != null && scheme.name() != null) {
        names.add(scheme.in().toLowerCase(Locale.ROOT) + ":" + scheme.name().toLowerCase(Locale.ROOT));
      }
    }));
    return names;
  }

  private static String argumentName(Parameter parameter, Set<String> taken) {
    String base = safe(parameter.name());
    if (taken.add(base)) {
      return base;
    }
    String located = parameter.in().wireName() + "_" + base;
    if (taken.add(located)) {
      return located;
    }
    for (int n = 2; ; n++) {
      String numbered = located + "_" + n;
      if (taken.add(numbered)) {
        return numbered;
      }
    }
  }

  static String safe(String name) {
    String replaced = UNSAFE.matcher(name).replaceAll("_");
    String trimmed = replaced.replaceAll("^_+|_+$", "");
    if (trimmed.isEmpty()) {
      trimmed = "param";
    }
    return trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed;
  }

  /** A copy of the schema with the parameter's description (when the schema has none) and deprecation. */
  private static ObjectNode describedSchema(JsonNode schema, String description, boolean deprecated) {
    ObjectNode copy = schema.isObject() ? (ObjectNode) schema.deepCopy() : JsonNodeFactory.instance.objectNode();
    String text = DescriptionText.clean(description);
    if (!text.isEmpty() && !copy.has("description")) {
      copy.put("description", text);
    }
    if (deprecated) {
      copy.put("deprecated", true);
    }
    return copy;
  }
}
