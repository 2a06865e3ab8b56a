package dev.cask.runtime.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.ParameterLocation;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.toolpack.ArgumentBinding;
import dev.cask.runtime.model.toolpack.BodyBinding;
import dev.cask.runtime.model.toolpack.RequestBinding;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.Tool;
import dev.cask.runtime.model.toolpack.ToolAnnotations;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import java.util.ArrayList;
import java.util.List;

/** Builds tool definitions for tests the way the compiler shapes them (closed input schemas, one binding per property). */
public final class ToolFixtures {
  private ToolFixtures() {}

  public static JsonNode json(String text) {
    try {
      return CaskMappers.json().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }

  /** A fluent builder of one tool. */
  public static Builder tool(String name) {
    return new Builder(name);
  }

  public static final class Builder {
    private final String name;
    private HttpMethod method = HttpMethod.GET;
    private String baseUrl = "https://api.example.com";
    private String path = "/items";
    private RiskTier tier = RiskTier.READ;
    private final ObjectNode properties = CaskMappers.json().createObjectNode();
    private final List<String> required = new ArrayList<>();
    private final List<ArgumentBinding> bindings = new ArrayList<>();
    private BodyBinding body;
    private JsonNode outputSchema;

    private Builder(String name) {
      this.name = name;
    }

    public Builder method(HttpMethod value) {
      this.method = value;
      return this;
    }

    public Builder baseUrl(String value) {
      this.baseUrl = value;
      return this;
    }

    public Builder path(String value) {
      this.path = value;
      return this;
    }

    public Builder risk(RiskTier value) {
      this.tier = value;
      return this;
    }

    public Builder param(String argument, ParameterLocation in, String schema) {
      return param(argument, in, argument, schema, null, null, in == ParameterLocation.PATH);
    }

    public Builder param(String argument, ParameterLocation in, String wireName, String schema, String style, Boolean explode, boolean isRequired) {
      properties.set(argument, json(schema));
      if (isRequired) {
        required.add(argument);
      }
      bindings.add(new ArgumentBinding(argument, in, wireName, style, explode));
      return this;
    }

    public Builder body(String mediaType, String schema, boolean isRequired) {
      properties.set("body", json(schema));
      if (isRequired) {
        required.add("body");
      }
      body = new BodyBinding("body", mediaType);
      return this;
    }

    public Builder output(String schema) {
      this.outputSchema = json(schema);
      return this;
    }

    public ToolDefinition definition() {
      ObjectNode input = CaskMappers.json().createObjectNode();
      input.put("type", "object");
      input.set("properties", properties.deepCopy());
      if (!required.isEmpty()) {
        input.set("required", CaskMappers.json().valueToTree(required));
      }
      input.put("additionalProperties", false);
      return new ToolDefinition(name, "Test tool " + name, method, baseUrl, path, input, outputSchema,
          new Risk(tier, List.of("test")), new ToolAnnotations(name, tier == RiskTier.READ, false, method.isIdempotent(), true),
          new RequestBinding(bindings, body), List.of(), false);
    }

    public Tool build() {
      ToolDefinition definition = definition();
      return new Tool(CanonicalJson.digest(definition), definition, null);
    }
  }
}
