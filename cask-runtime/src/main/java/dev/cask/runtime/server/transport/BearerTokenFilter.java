package dev.cask.runtime.server.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires {@code Authorization: Bearer <token>} on the MCP endpoint. The comparison is constant-time: both sides are
 * hashed to SHA-256 first (so neither length nor content leaks through timing) and compared with
 * {@link MessageDigest#isEqual}. The token is never logged.
 */
final class BearerTokenFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
  private static final String PREFIX = "Bearer ";

  private final byte[] expected;

  BearerTokenFilter(String token) {
    this.expected = sha256(token);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!authorized(request.getHeaders("Authorization"))) {
      LOG.warn("rejected an MCP request without a valid bearer token from {}", request.getRemoteAddr());
      response.setHeader("WWW-Authenticate", "Bearer realm=\"cask\"");
      JsonErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "a valid bearer token is required");
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean authorized(Enumeration<String> headers) {
    if (headers == null || !headers.hasMoreElements()) {
      return false;
    }
    String header = headers.nextElement();
    if (headers.hasMoreElements() || header.length() <= PREFIX.length()) {
      return false; // several Authorization headers are ambiguous: refuse them
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(header.substring(PREFIX.length()).strip()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
