package dev.cask.runtime.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;

/** A schema ready to validate instances; thread-safe. */
public final class CompiledSchema {
  private final Schema schema;

  CompiledSchema(Schema schema) {
    this.schema = schema;
  }

  /** Validation problems of an instance, each {@code <instance location>: <message>}; empty when valid. */
  public List<String> validate(JsonNode instance) {
    List<Error> errors = schema.validate(instance);
    return errors.stream().map(JsonSchemas::describe).toList();
  }
}
