package dev.cask.runtime.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import org.junit.jupiter.api.Test;

class ToolSchemasTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ToolSchemas schemas = new ToolSchemas(json);

  private JsonObjectMap view(String text) throws Exception {
    return new JsonObjectMap((ObjectNode) json.readTree(text));
  }

  @Test
  void structuredContentIsWrittenOutAsTheTextFallback() throws Exception {
    // The core's response step validates against the output schema; the transport does not check a second time.
    JsonObjectMap schema = view("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}");
    ValidationResponse ok = schemas.validate(schema, view("{\"id\":7}"));
    assertThat(ok.valid()).isTrue();
    assertThat(ok.jsonStructuredOutput()).isEqualTo("{\"id\":7}");
  }

  @Test
  void toolpackSchemasAreNotMetaValidatedAgain() throws Exception {
    // The build meta-validated them and the lockfile pins them; the SDK's per-start pass is skipped on purpose.
    assertThat(schemas.validateSchema(view("{\"type\":\"object\"}")).valid()).isTrue();
  }
}
