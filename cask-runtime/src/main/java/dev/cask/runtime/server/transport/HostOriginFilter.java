package dev.cask.runtime.server.transport;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * DNS-rebinding protection on every path, before authentication: a page on another origin (or reached through a
 * hostname that rebinds to loopback) gets 403 (Origin) or 421 (Host) from the SDK's validator, whatever else it sends.
 */
final class HostOriginFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final transient ServerHttpHeaderValidator validator;

  HostOriginFilter(ServerHttpHeaderValidator validator) {
    this.validator = validator;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      validator.validate(new Headers(request));
    } catch (ServerTransportSecurityException e) {
      JsonErrors.send(response, e.getStatusCode(), "forbidden", e.getMessage());
      return;
    }
    chain.doFilter(request, response);
  }

  private record Headers(HttpServletRequest request) implements HeaderAccessor {
    @Override
    public List<String> getHeader(String name) {
      return Collections.list(request.getHeaders(name));
    }

    @Override
    public List<String> getHeaderNames() {
      return Collections.list(request.getHeaderNames());
    }
  }
}
