package dev.cask.maven.importers.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.CaskException;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GraphQL schema given beside the traffic ({@code .graphql}/{@code .graphqls} SDL, or the JSON answer of an
 * introspection query): the types of each operation's variables become its tool's input schema, and each operation is
 * validated against it (an operation the schema does not allow gets no tool).
 */
public final class GraphQlSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long INT_MIN = Integer.MIN_VALUE;
  private static final long INT_MAX = Integer.MAX_VALUE;

  private final graphql.schema.GraphQLSchema schema;
  private final String source;
  private final String sha256;

  private GraphQlSchema(graphql.schema.GraphQLSchema schema, String source, String sha256) {
    this.schema = schema;
    this.source = source;
    this.sha256 = sha256;
  }

  /**
   * Reads SDL, or introspection JSON ({@code {"data": {"__schema": …}}} or {@code {"__schema": …}}).
   *
   * @throws CaskException naming the file and the problem when it is neither, or not a valid schema
   */
  public static GraphQlSchema read(byte[] bytes, String displayPath) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String fix = "give the API's GraphQL schema as SDL (.graphql) or the JSON answer of an introspection query";
    TypeDefinitionRegistry registry;
    try {
      if (text.stripLeading().startsWith("{")) {
        JsonNode tree = CaskMappers.json().readTree(bytes);
        JsonNode introspection = tree.has("data") ? tree.get("data") : tree;
        if (!introspection.path("__schema").isObject()) {
          throw new CaskException(displayPath, null, "is JSON but not the answer of an introspection query (no __schema)", fix);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = CaskMappers.json().convertValue(introspection, Map.class);
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(map);
        registry = new SchemaParser().buildRegistry(sdl);
      } else {
        registry = new SchemaParser().parse(text);
      }
      return new GraphQlSchema(UnExecutableSchemaGenerator.makeUnExecutableSchema(registry), displayPath,
          CanonicalJson.sha256Hex(bytes));
    } catch (CaskException e) {
      throw e;
    } catch (RuntimeException | java.io.IOException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new CaskException(displayPath, null, "is not a valid GraphQL schema: " + message, fix);
    }
  }

  public String source() {
    return source;
  }

  /** The hex SHA-256 of the file's bytes. */
  public String sha256() {
    return sha256;
  }

  /** Why the schema does not allow the operation (graphql-java's validation), or an empty list. */
  public List<String> problems(ParsedOperation operation) {
    Document document = GraphQlDocuments.parse(operation.document());
    if (document == null) {
      return List.of("the document does not parse");
    }
    List<String> problems = new ArrayList<>();
    for (ValidationError error : graphql.ParseAndValidate.validate(schema, document, Locale.ROOT)) {
      problems.add(error.getDescription() == null ? error.getMessage() : error.getDescription());
    }
    return problems;
  }

  /**
   * The JSON Schema of the operation's variables object: one property per variable, required when its type is
   * non-null without a default; input objects closed ({@code additionalProperties: false}) in {@code $defs}.
   */
  public ObjectNode variables(ParsedOperation operation) {
    Document document = GraphQlDocuments.parse(operation.document());
    OperationDefinition definition = null;
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof OperationDefinition op) {
        definition = op;
      }
    }
    ObjectNode root = JSON.objectNode().put("type", "object");
    ObjectNode properties = root.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    Map<String, ObjectNode> defs = new TreeMap<>();
    for (VariableDefinition variable : definition.getVariableDefinitions()) {
      properties.set(variable.getName(), ofAst(variable.getType(), defs));
      if (variable.getType() instanceof NonNullType && variable.getDefaultValue() == null) {
        required.add(variable.getName());
      }
    }
    if (!required.isEmpty()) {
      root.set("required", required);
    }
    root.put("additionalProperties", false);
    if (!defs.isEmpty()) {
      ObjectNode all = root.putObject("$defs");
      defs.forEach(all::set);
    }
    return root;
  }

  private ObjectNode ofAst(Type<?> type, Map<String, ObjectNode> defs) {
    if (type instanceof NonNullType nonNull) {
      return ofAst(nonNull.getType(), defs);
    }
    if (type instanceof ListType list) {
      ObjectNode array = JSON.objectNode().put("type", "array");
      array.set("items", ofAst(list.getType(), defs));
      return array;
    }
    GraphQLType named = schema.getType(((TypeName) type).getName());
    return named instanceof GraphQLInputType input ? of(input, defs) : JSON.objectNode();
  }

  private ObjectNode of(GraphQLInputType type, Map<String, ObjectNode> defs) {
    if (type instanceof GraphQLNonNull nonNull) {
      return of((GraphQLInputType) nonNull.getWrappedType(), defs);
    }
    if (type instanceof GraphQLList list) {
      ObjectNode array = JSON.objectNode().put("type", "array");
      array.set("items", of((GraphQLInputType) list.getWrappedType(), defs));
      return array;
    }
    if (type instanceof GraphQLScalarType scalar) {
      return scalar(scalar);
    }
    if (type instanceof GraphQLEnumType enumType) {
      ObjectNode schema = JSON.objectNode().put("type", "string");
      ArrayNode values = schema.putArray("enum");
      enumType.getValues().stream().map(GraphQLEnumValueDefinition::getName).forEach(values::add);
      return schema;
    }
    GraphQLInputObjectType object = (GraphQLInputObjectType) type;
    String name = object.getName();
    if (!defs.containsKey(name)) {
      ObjectNode schema = JSON.objectNode().put("type", "object");
      defs.put(name, schema); // before its fields: a recursive input type refers to itself
      describe(schema, object);
      ObjectNode properties = schema.putObject("properties");
      ArrayNode required = JSON.arrayNode();
      for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
        ObjectNode fieldSchema = of(field.getType(), defs);
        if (field.getDescription() != null && !fieldSchema.has("$ref")) {
          fieldSchema.put("description", field.getDescription());
        }
        properties.set(field.getName(), fieldSchema);
        if (field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()) {
          required.add(field.getName());
        }
      }
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
      schema.put("additionalProperties", false);
    }
    return JSON.objectNode().put("$ref", "#/$defs/" + name);
  }

  private static void describe(ObjectNode schema, GraphQLNamedType type) {
    if (type.getDescription() != null) {
      schema.put("description", type.getDescription());
    }
  }

  /** The built-in scalars by their input coercion; a custom scalar takes any JSON value (the server coerces it). */
  private static ObjectNode scalar(GraphQLScalarType scalar) {
    ObjectNode schema = JSON.objectNode();
    switch (scalar.getName()) {
      case "Int" -> schema.put("type", "integer").put("minimum", INT_MIN).put("maximum", INT_MAX);
      case "Float" -> schema.put("type", "number");
      case "String" -> schema.put("type", "string");
      case "Boolean" -> schema.put("type", "boolean");
      case "ID" -> schema.set("type", JSON.arrayNode().add("string").add("integer"));
      default -> schema.put("description", "GraphQL scalar " + scalar.getName());
    }
    return schema;
  }
}
