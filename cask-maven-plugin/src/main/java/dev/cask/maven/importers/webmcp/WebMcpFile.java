package dev.cask.maven.importers.webmcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cask.runtime.model.Lists;
import dev.cask.runtime.model.capture.DeclaredHints;
import java.util.List;
import java.util.Objects;

/**
 * The WebMCP capture file ({@code src/main/cask/minted/<host>-<time>.webmcp.json}) that {@code cask:mint} writes and
 * {@link WebMcpImporter} reads: every tool the recorded pages registered for in-browser agents, as they declared it.
 *
 * @param webmcp the format version ({@value #FORMAT_VERSION})
 * @param tools the tools, in the order they were first seen
 */
public record WebMcpFile(int webmcp, List<Tool> tools) {
  public static final int FORMAT_VERSION = 1;

  public WebMcpFile {
    tools = Lists.copy(tools);
  }

  /**
   * One registered tool.
   *
   * @param origin the page's origin ({@code https://app.example.com}, with a port when not the default)
   * @param page the page's path (percent-encoded, no query or fragment) where the tool was first registered
   * @param name the name the page registered
   * @param description the page's description of the tool
   * @param inputSchema the page's JSON Schema of the arguments, or null for none
   * @param annotations the annotations the page declared, or null for none
   * @param declaredBy {@code registerTool} (the imperative API, {@code document.modelContext} or
   *     {@code navigator.modelContext}) or {@code form} (the declarative form attributes)
   */
  public record Tool(
      String origin,
      String page,
      String name,
      String description,
      JsonNode inputSchema,
      DeclaredHints annotations,
      String declaredBy) {
    public static final String IMPERATIVE = "registerTool";
    public static final String DECLARATIVE = "form";

    public Tool {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(page, "page");
      Objects.requireNonNull(name, "name");
      inputSchema = inputSchema == null ? null : inputSchema.deepCopy();
    }
  }
}
