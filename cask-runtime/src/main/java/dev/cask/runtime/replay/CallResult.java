package dev.cask.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cask.runtime.json.CanonicalJson;
import java.util.Objects;

/**
 * What the pipeline answered a call, as an agent would get it.
 *
 * @param decision {@code allow}, {@code deny} or {@code confirm}
 * @param reasonCode the pipeline's reason code ({@code ok}, {@code output_schema_mismatch}, {@code policy_deny} ...)
 * @param isError whether the result is an error for the agent
 * @param text the text content (redacted)
 * @param structuredContent the structured content, or null
 * @param meta the pipeline's details ({@code upstream_status} ...), or null
 * @param confirmed whether a confirmation challenge was answered to get this result
 */
public record CallResult(
    String decision, String reasonCode, boolean isError, String text, JsonNode structuredContent, JsonNode meta,
    boolean confirmed) {
  public CallResult {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(text, "text");
    structuredContent = structuredContent == null ? null : structuredContent.deepCopy();
    meta = meta == null ? null : meta.deepCopy();
  }

  /** The upstream's HTTP status, when the call reached it. */
  public Integer upstreamStatus() {
    JsonNode status = meta == null ? null : meta.get("upstream_status");
    return status != null && status.canConvertToInt() ? status.intValue() : null;
  }

  /** The result's canonical JSON (RFC 8785): two results are the same result exactly when these bytes are equal. */
  public byte[] canonicalBytes() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("decision", decision);
    node.put("reasonCode", reasonCode);
    node.put("isError", isError);
    node.put("text", text);
    node.set("structuredContent", structuredContent);
    node.set("meta", meta);
    return CanonicalJson.canonicalBytes(node);
  }
}
