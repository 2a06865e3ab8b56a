package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cask.runtime.schema.CompiledSchema;
import dev.cask.runtime.schema.JsonSchemas;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema checks the SDK asks of a server, answered with Cask's own validator ({@link JsonSchemas}):
 *
 * <ul>
 *   <li>{@link #validateSchema}: the SDK would meta-validate every input and output schema at every start (2,446
 *       validations for GitHub's 1,223 tools, a large share of start-up). The build already meta-validated them, and
 *       the lockfile pins their digests, which the core verified before anything is served; so they are accepted
 *       here without a second pass.
 *   <li>{@link #validate}: a successful result's structured content against the tool's output schema (the MCP spec's
 *       MUST). Each output schema is compiled once, on its tool's first call, and kept.
 * </ul>
 */
final class ToolSchemas implements JsonSchemaValidator {
  private final ObjectMapper mapper;
  private final Map<Identity, CompiledSchema> compiled = new ConcurrentHashMap<>();

  ToolSchemas(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    CompiledSchema validator = compiled.computeIfAbsent(new Identity(schema), key -> JsonSchemas.compile(node(schema)));
    JsonNode instance = node(structuredContent);
    List<String> problems = validator.validate(instance);
    if (!problems.isEmpty()) {
      return ValidationResponse.asInvalid(String.join("; ", problems));
    }
    try {
      return ValidationResponse.asValid(mapper.writeValueAsString(instance));
    } catch (JsonProcessingException e) {
      return ValidationResponse.asInvalid("structured content cannot be written as JSON");
    }
  }

  private JsonNode node(Object value) {
    return value instanceof JsonObjectMap view ? view.node() : mapper.valueToTree(value);
  }

  /** Schema maps are compared by identity: each tool's is created once, and content hashing would cost per call. */
  private record Identity(Object value) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity identity && identity.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }
}
