package dev.cask.maven.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.model.capture.CapturedOperation;
import dev.cask.runtime.model.capture.MediaContent;
import dev.cask.runtime.model.toolpack.RequestBinding;
import java.util.List;

/**
 * The input of a WebMCP tool: the page's own input schema is the tool's (the runtime hands the validated arguments
 * object to the page's tool as it is), closed with {@code additionalProperties: false} unless the page says otherwise,
 * and no request binding (there is no HTTP request to bind to). The page's schema stands alone: its own {@code $defs}
 * are kept and no shared schema of the capture is attached.
 */
final class WebMcpInput {
  private WebMcpInput() {}

  static ToolInput build(CapturedOperation operation) {
    JsonNode declared = operation.requestBody() == null || operation.requestBody().contents().isEmpty()
        ? null
        : operation.requestBody().contents().stream().map(MediaContent::schema).findFirst().orElse(null);
    ObjectNode root = declared != null && declared.isObject()
        ? (ObjectNode) declared.deepCopy()
        : JsonNodeFactory.instance.objectNode();
    if (!root.has("type")) { // MCP clients accept only an input schema whose root says type object
      root.put("type", "object");
    }
    if (!root.has("additionalProperties") && !root.has("unevaluatedProperties")) {
      root.put("additionalProperties", false);
    }
    return new ToolInput(root, new RequestBinding(List.of(), null), List.of(), List.of());
  }
}
