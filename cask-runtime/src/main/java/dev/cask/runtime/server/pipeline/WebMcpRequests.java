package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CaskMappers;
import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.WebMcpTarget;
import dev.cask.runtime.model.toolpack.ToolDefinition;
import dev.cask.runtime.server.upstream.UpstreamRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The "request" of a WebMCP tool, for the steps that show, check and audit what a call will do: {@code WEBMCP} and the
 * page's URL, with the arguments as the JSON body. The network guard checks the page's scheme and host like any
 * upstream's; the browser, not the HTTP client, then carries it out.
 */
final class WebMcpRequests {
  private WebMcpRequests() {}

  static boolean isWebMcp(ToolDefinition tool) {
    return tool.method() == HttpMethod.WEBMCP;
  }

  /** Checked at start-up: the tool's origin and page must be servable. */
  static UpstreamRequest build(ToolDefinition tool, ObjectNode arguments) {
    URI origin = URI.create(tool.baseUrl());
    String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || origin.getHost() == null
        || (origin.getRawPath() != null && !origin.getRawPath().isEmpty())) {
      throw new IllegalArgumentException("WebMCP origin '" + tool.baseUrl() + "' must be http(s)://host[:port]");
    }
    WebMcpTarget target = WebMcpTarget.parse(tool.path());
    byte[] body;
    try {
      body = CaskMappers.json().writeValueAsBytes(arguments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new UpstreamRequest(HttpMethod.WEBMCP, scheme, origin.getHost().toLowerCase(Locale.ROOT), origin.getPort(),
        target.page(), null, List.of(), "application/json", body);
  }
}
