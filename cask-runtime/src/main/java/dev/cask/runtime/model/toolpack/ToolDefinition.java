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
 * @param outputSchema JSON Schema 2020-12 of the tool's MCP structured content, root {@code type: object}; or null when
 *     the tool returns text only
 * @param outputWrapped {@code true} when the response body is not an object (an array, a scalar, null): the structured
 *     content is then {@code {"result": body}} and {@code outputSchema} describes that envelope; otherwise null (the
 *     body itself is the structured content). {@code false} is read as null, so it never changes a digest
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
    Boolean outputWrapped,
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
    outputWrapped = Boolean.TRUE.equals(outputWrapped) ? Boolean.TRUE : null;
    security = Lists.copy(security);
  }

  /** A tool whose structured content, if any, is the response body itself (not wrapped). */
  public ToolDefinition(
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
    this(name, description, method, baseUrl, path, inputSchema, outputSchema, null, risk, annotations, binding, security,
        deprecated);
  }

  /** Whether the structured content is {@code {"result": body}} rather than the body itself. */
  public boolean wrapsOutput() {
    return Boolean.TRUE.equals(outputWrapped);
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
