package dev.cask.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.upstream.HttpHeader;
import dev.cask.runtime.server.upstream.RequestRejectedException;
import dev.cask.runtime.server.upstream.RequestTemplate;
import dev.cask.runtime.server.upstream.UpstreamRequest;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tool's request builder: the very {@link RequestTemplate} {@code serve} compiles at start-up and fills on every
 * call, so what {@code cask:verify} replays is exactly what the server would send (without the operator's credentials,
 * which never come from arguments).
 */
public final class ToolRequests {
  private final RequestTemplate template;

  private ToolRequests(RequestTemplate template) {
    this.template = template;
  }

  /**
   * Compiles a tool's request template.
   *
   * @throws IllegalArgumentException when the server would refuse the tool's binding (the message says why)
   */
  public static ToolRequests of(ToolDefinition tool) {
    return new ToolRequests(RequestTemplate.compile(tool, Set.of(), Set.of()));
  }

  /**
   * The request for these arguments.
   *
   * @throws IllegalArgumentException when the server would refuse to place a value (dot segment, missing path
   *     parameter, control character in a header ...)
   */
  public BuiltRequest build(JsonNode arguments) {
    UpstreamRequest request;
    try {
      request = template.build(arguments);
    } catch (RequestRejectedException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Map.Entry<String, String>> headers = request.headers().stream()
        .map(ToolRequests::entry)
        .toList();
    return new BuiltRequest(request.method(), request.scheme(), request.host(), request.port(), request.rawPath(),
        request.rawQuery(), headers, request.contentType(), request.body());
  }

  private static Map.Entry<String, String> entry(HttpHeader header) {
    return new AbstractMap.SimpleImmutableEntry<>(header.name(), header.value());
  }
}
