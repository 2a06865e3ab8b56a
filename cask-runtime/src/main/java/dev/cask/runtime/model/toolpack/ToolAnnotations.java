package dev.cask.runtime.model.toolpack;

/**
 * The MCP tool annotations, derived from method and risk tier (see the compiler's documentation). They are hints for
 * clients, never a security boundary: the runtime enforces the policy, not these.
 */
public record ToolAnnotations(
    String title, boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint, boolean openWorldHint) {}
