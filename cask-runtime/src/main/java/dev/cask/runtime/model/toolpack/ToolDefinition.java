package dev.cask.runtime.model.toolpack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.OperationKey;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.SecurityRequirement;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines what a tool does. The tool's digest covers every field, so an approval pins all of it:
 * changing one byte of the description, a schema, the risk or the upstream target invalidates the approval.
 *
 * @param name the MCP tool name ({@code [a-z0-9_]{1,64}})
 * @param description what the agent reads; from the source, trimmed, never invented
 * @param method the upstream HTTP method
 * @param baseUrl the upstream server URL including base path, without trailing slash
 * @param path the path template below {@code baseUrl}
 * @param inputSchema JSON Schema 2020-12 of the arguments; root {@code type: object}, self-contained ({@code $defs})
 * @param outputSchema JSON Schema 2020-12 of a successful JSON response, or null
 * @param risk the risk tier and its reasons
 * @param annotations MCP tool annotations
 * @param binding how arguments become the request
 * @param security the security requirements of the operation (alternatives)
 * @param deprecated whether the source marks the operation deprecated
 */
public record ToolDefinition(
    String name,
    String description,
    HttpMethod method,
    String baseUrl,
    String path,
    JsonNode inputSchema,
    JsonNode outputSchema,
    Risk risk,
    ToolAnnotations annotations,
    RequestBinding binding,
    List<SecurityRequirement> security,
    boolean deprecated) {

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(annotations, "annotations");
    Objects.requireNonNull(binding, "binding");
    inputSchema = inputSchema.deepCopy();
    outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
    security = Lists.copy(security);
  }

  /** The upstream operation this tool calls. */
  public OperationKey operation() {
    return new OperationKey(
        method, CapturedOperation.hostOf(baseUrl), java.net.URI.create(baseUrl).getRawPath() + path);
  }

  /** {@code host} or {@code host:port}. */
  public String host() {
    return CapturedOperation.hostOf(baseUrl);
  }
}
