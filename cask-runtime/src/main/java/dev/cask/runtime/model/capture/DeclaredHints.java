package dev.cask.runtime.model.capture;

/**
 * The MCP tool annotations a source declares for its tool itself (a WebMCP page's {@code annotations}), as declared:
 * each one {@code null} when the source does not say. Hints, never trusted: the compiler derives the tool's risk from
 * them only in the safe direction (a tool that does not declare {@code readOnlyHint: true} is not a read).
 *
 * @param title the declared title, or null
 * @param readOnlyHint the declared {@code readOnlyHint}, or null
 * @param destructiveHint the declared {@code destructiveHint}, or null
 * @param idempotentHint the declared {@code idempotentHint}, or null
 * @param openWorldHint the declared {@code openWorldHint}, or null
 */
public record DeclaredHints(
    String title, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint, Boolean openWorldHint) {

  public boolean readOnly() {
    return Boolean.TRUE.equals(readOnlyHint);
  }

  public boolean destructive() {
    return Boolean.TRUE.equals(destructiveHint);
  }

  public boolean idempotent() {
    return Boolean.TRUE.equals(idempotentHint);
  }
}
