package dev.cask.maven.compile;

import dev.cask.runtime.model.HttpMethod;
import dev.cask.runtime.model.RiskTier;
import dev.cask.runtime.model.capture.DeclaredHints;
import dev.cask.runtime.model.toolpack.Risk;
import dev.cask.runtime.model.toolpack.ToolAnnotations;

/**
 * Derives MCP tool annotations from the method and the risk tier, the same way for every tool:
 *
 * <ul>
 *   <li>{@code readOnlyHint}: the method is safe ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code TRACE});
 *   <li>{@code destructiveHint}: not read-only and the tier is {@code destructive}, or {@code sensitive} with a
 *       destructive reason ({@code DELETE} or a destructive word);
 *   <li>{@code idempotentHint}: the method is idempotent per RFC 9110 ({@code PUT}, {@code DELETE} and the safe ones);
 *   <li>{@code openWorldHint}: always true: every Cask tool calls a remote API.
 * </ul>
 *
 * A WebMCP tool has no HTTP method: {@code readOnlyHint} is true only when the tier is {@code read} (which needs the
 * page's own {@code readOnlyHint: true}), {@code destructiveHint} when the tier is destructive or the page says so, and
 * {@code idempotentHint} as the page declares it.
 */
final class AnnotationRules {
  private AnnotationRules() {}

  static ToolAnnotations derive(String title, HttpMethod method, Risk risk, DeclaredHints hints) {
    if (method == HttpMethod.WEBMCP) {
      boolean readOnly = risk.tier() == RiskTier.READ;
      boolean destructive = !readOnly && (risk.tier() == RiskTier.DESTRUCTIVE
          || (hints != null && hints.destructive())
          || risk.reasons().stream().anyMatch(r -> r.startsWith("destructive word")));
      return new ToolAnnotations(title, readOnly, destructive, hints != null && hints.idempotent(), true);
    }
    return derive(title, method, risk);
  }

  static ToolAnnotations derive(String title, HttpMethod method, Risk risk) {
    return derive(title, method.isSafe(), method.isIdempotent(), method == HttpMethod.DELETE, risk);
  }

  /** A GraphQL operation: a query reads (safe, idempotent) whatever method carries it; a mutation does not. */
  static ToolAnnotations derive(String title, dev.cask.runtime.model.capture.GraphQlOperation graphql, Risk risk) {
    boolean query = graphql.operationType().equals("query");
    return derive(title, query, query, false, risk);
  }

  private static ToolAnnotations derive(String title, boolean safe, boolean idempotent, boolean deletes, Risk risk) {
    boolean destructiveReason = deletes || risk.reasons().stream().anyMatch(r -> r.startsWith("destructive word"));
    boolean destructive =
        !safe && (risk.tier() == RiskTier.DESTRUCTIVE || (risk.tier() == RiskTier.SENSITIVE && destructiveReason));
    return new ToolAnnotations(title, safe, destructive, idempotent, true);
  }
}
