package dev.cask.runtime.server.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Only the server's own paths and methods get past this filter, before any token is checked: {@code GET},
 * {@code POST} and {@code DELETE} on the MCP endpoint, {@code GET} and {@code HEAD} on the health check. Any other
 * method there gets {@code 405} with {@code Allow} ({@code TRACE}, which a servlet would answer by echoing the request's
 * headers, {@code OPTIONS}, {@code PUT} ...), any other path {@code 404}; both with a fixed JSON body.
 */
final class PathMethodFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final Map<String, Set<String>> allowed;

  /** @param allowed the methods allowed on each path (exact paths, no patterns) */
  PathMethodFilter(Map<String, Set<String>> allowed) {
    this.allowed = Map.copyOf(allowed);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Set<String> methods = allowed.get(request.getRequestURI());
    if (methods == null) {
      JsonErrors.send(response, HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!methods.contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", methods.stream().sorted().toList()));
      JsonErrors.send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    chain.doFilter(request, response);
  }
}
