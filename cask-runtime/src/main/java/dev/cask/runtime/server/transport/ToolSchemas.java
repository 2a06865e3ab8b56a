package dev.cask.runtime.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The schema checks the SDK asks of a server, answered from what the governed core already guarantees:
 *
 * <ul>
 *   <li>{@link #validateSchema}: the SDK would meta-validate every input and output schema at every start (2,446
 *       validations for GitHub's 1,223 tools, a large share of start-up). The build already meta-validated them, and
 *       the lockfile pins their digests, which the verifier checked before anything is served; so they are accepted
 *       here without a second pass.
 *   <li>{@link #validate}: the core validates a response against the tool's output schema (its response step) and
 *       returns structured content only when it conforms; a second validation here would be a second implementation of
 *       that rule and a per-call cost. The content is only written out as the SDK's text fallback.
 * </ul>
 */
final class ToolSchemas implements JsonSchemaValidator {
  private final ObjectMapper mapper;

  ToolSchemas(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    try {
      return ValidationResponse.asValid(mapper.writeValueAsString(node(structuredContent)));
    } catch (JsonProcessingException e) {
      return ValidationResponse.asInvalid("structured content cannot be written as JSON");
    }
  }

  private JsonNode node(Object value) {
    return value instanceof JsonObjectMap view ? view.node() : mapper.valueToTree(value);
  }
}
