package dev.cask.runtime.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.toolpack.ToolDefinition;

/** Calls an approved WebMCP tool in a browser ({@code serve --browser}); the pipeline decides before it is asked. */
public interface WebMcpCalls extends AutoCloseable {
  /**
   * Opens the tool's page and calls the tool the page registered with the (validated) arguments.
   *
   * @return what the page's tool returned (JSON-safe)
   * @throws BrowserException with code {@code tool-missing} when the page did not register the tool in time,
   *     {@code tool-failed} when it threw (the message is the page's, to be redacted before anyone sees it), or
   *     another code when the browser failed
   */
  JsonNode call(ToolDefinition tool, JsonNode arguments) throws BrowserException;

  @Override
  void close();
}
