package dev.cask.runtime.server.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.server.spi.Decision;
import dev.cask.runtime.server.spi.ToolCallOutcome;

/** Builds outcomes with a consistent text and {@code _meta} shape. */
final class Outcomes {
  private Outcomes() {}

  static ObjectNode meta(String reason) {
    return JsonNodeFactory.instance.objectNode().put("reason", reason);
  }

  static ToolCallOutcome deny(String reason, String detail) {
    return deny(reason, detail, meta(reason));
  }

  static ToolCallOutcome deny(String reason, String detail, ObjectNode meta) {
    return new ToolCallOutcome(Decision.DENY, reason, "Denied (" + reason + "): " + detail, null, true, null, meta);
  }
}
